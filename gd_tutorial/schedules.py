"""Learning-rate schedules written by hand: functions from the epoch (from 0) to a factor of lr.

Pass one as ``schedule=`` to any descent: epoch ``k`` then runs with the learning rate
``lr * schedule(k)``, exactly as ``torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)``
computes it when ``scheduler.step()`` is called once after each epoch. Each schedule here
gives the factors of one of PyTorch's schedulers, in closed form: ``StepLR``,
``CosineAnnealingLR`` and ``LinearLR`` (a linear warm-up). PyTorch computes the last two
recursively, each epoch's rate from the one before; the closed forms agree with them to
rounding, which the tests check over many epochs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from gd_tutorial import _checks

Schedule = Callable[[int], float]


class _Named:
    """A schedule that prints as the call that made it, such as ``step_schedule(step_size=3)``."""

    def __init__(self, factor: Schedule, text: str) -> None:
        self._factor, self._text = factor, text

    def __call__(self, epoch: int) -> float:
        return self._factor(epoch)

    def __repr__(self) -> str:
        return self._text


def _positive(value: Any, name: str) -> float:
    """A finite number greater than 0."""
    value = _checks.number(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be a finite number greater than 0; got {value:g}")
    return value


def step_schedule(step_size: int, gamma: float = 0.1) -> Schedule:
    """Multiply the learning rate by ``gamma`` every ``step_size`` epochs: ``StepLR``.

    The factor at epoch ``k`` is ``gamma ** (k // step_size)``: the factors of
    ``torch.optim.lr_scheduler.StepLR(optimizer, step_size, gamma)``.

    Args:
        step_size: Epochs between two decays, a whole number, 1 or more.
        gamma: The factor of each decay, a number greater than 0.

    Returns:
        The schedule: a function from the epoch to the factor of ``lr``.

    Raises:
        TypeError: If ``step_size`` is not a whole number or ``gamma`` not a number.
        ValueError: If ``step_size`` is less than 1 or ``gamma`` is not greater than 0.

    Examples:
        >>> schedule = step_schedule(step_size=2, gamma=0.5)
        >>> [schedule(epoch) for epoch in range(6)]
        [1.0, 1.0, 0.5, 0.5, 0.25, 0.25]
    """
    step_size = _checks.whole_number(step_size, "step_size", minimum=1)
    gamma = _positive(gamma, "gamma")
    return _Named(
        lambda epoch: gamma ** (epoch // step_size),
        f"step_schedule(step_size={step_size}, gamma={gamma:g})",
    )


def cosine_schedule(t_max: int, eta_min: float = 0.0) -> Schedule:
    """Lower the learning rate along half a cosine over ``t_max`` epochs: ``CosineAnnealingLR``.

    The factor at epoch ``k`` is ``eta_min + (1 - eta_min) * (1 + cos(pi * k / t_max)) / 2``:
    1 at the start, ``eta_min`` at epoch ``t_max``; after it the cosine goes on, back up
    over the next ``t_max`` epochs, as PyTorch's does. These are the factors of
    ``torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=t_max, eta_min=lr *
    eta_min)``: ``eta_min`` here is a fraction of ``lr``.

    Args:
        t_max: Epochs from the full learning rate to the lowest, a whole number, 1 or more.
        eta_min: The lowest factor, a number 0 or more.

    Returns:
        The schedule: a function from the epoch to the factor of ``lr``.

    Raises:
        TypeError: If ``t_max`` is not a whole number or ``eta_min`` not a number.
        ValueError: If ``t_max`` is less than 1 or ``eta_min`` is negative.

    Examples:
        >>> schedule = cosine_schedule(t_max=4)
        >>> [round(schedule(epoch), 4) for epoch in range(6)]
        [1.0, 0.8536, 0.5, 0.1464, 0.0, 0.1464]
    """
    t_max = _checks.whole_number(t_max, "t_max", minimum=1)
    eta_min = _checks.number(eta_min, "eta_min")
    if eta_min < 0:
        raise ValueError(f"eta_min must be a finite number, 0 or more; got {eta_min:g}")
    return _Named(
        lambda epoch: eta_min + (1 - eta_min) * (1 + math.cos(math.pi * epoch / t_max)) / 2,
        f"cosine_schedule(t_max={t_max}, eta_min={eta_min:g})",
    )


def warmup_schedule(start_factor: float, total_iters: int) -> Schedule:
    """Raise the learning rate in a straight line up to ``lr`` (a warm-up): ``LinearLR``.

    The factor at epoch ``k`` is ``start_factor + (1 - start_factor) * min(k, total_iters) /
    total_iters``: ``start_factor`` at the start, 1 from epoch ``total_iters`` on. These are the
    factors of ``torch.optim.lr_scheduler.LinearLR(optimizer, start_factor, end_factor=1.0,
    total_iters=total_iters)``.

    Args:
        start_factor: The first factor, greater than 0 and at most 1 (as PyTorch requires).
        total_iters: Epochs of the warm-up, a whole number, 1 or more.

    Returns:
        The schedule: a function from the epoch to the factor of ``lr``.

    Raises:
        TypeError: If ``start_factor`` is not a number or ``total_iters`` not a whole number.
        ValueError: If ``start_factor`` is not in (0, 1] or ``total_iters`` is less than 1.

    Examples:
        >>> schedule = warmup_schedule(start_factor=0.25, total_iters=3)
        >>> [schedule(epoch) for epoch in range(5)]
        [0.25, 0.5, 0.75, 1.0, 1.0]
    """
    start_factor = _checks.number(start_factor, "start_factor")
    if not 0 < start_factor <= 1:
        raise ValueError(f"start_factor must be greater than 0 and at most 1; got {start_factor:g}")
    total_iters = _checks.whole_number(total_iters, "total_iters", minimum=1)
    return _Named(
        lambda epoch: start_factor + (1 - start_factor) * min(epoch, total_iters) / total_iters,
        f"warmup_schedule(start_factor={start_factor:g}, total_iters={total_iters})",
    )
