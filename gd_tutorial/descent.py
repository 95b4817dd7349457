"""Descent loops: one written by hand, one driven by a ``torch.optim`` optimizer."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch

from gd_tutorial import _checks
from gd_tutorial.core import max_stable_lr

LOG_FORMAT = "Epoch {:4d}/{} W: {:.3f}, Cost: {:.6f}"


class DivergenceWarning(RuntimeWarning):
    """Warned when a run's cost grows instead of shrinking."""


@dataclass(frozen=True)
class History:
    """What happened at each epoch of a run, and the settings that produced it.

    Row ``k`` describes epoch ``k`` before its update: the weight, its cost and
    the gradient used for the step. A run of ``epochs`` epochs has
    ``epochs + 1`` rows, unless it stopped early because the numbers overflowed.

    Attributes:
        weights: ``W`` at each epoch, as plain floats.
        costs: The cost at each epoch.
        gradients: The gradient of the cost with respect to ``W`` at each epoch.
        lr: The learning rate.
        epochs: The number of epochs asked for.
        w0: The starting weight.
        reduction: ``"mean"`` or ``"sum"``: how the gradient was reduced.
        method: ``"by hand"``, or the optimizer's class name, such as ``"SGD"``.
        diverged: ``True`` when the cost grew over the run (or overflowed).
        message: Empty for a run that did not diverge; otherwise says what
            happened and names the stable learning-rate bound.
    """

    weights: list[float]
    costs: list[float]
    gradients: list[float]
    lr: float
    epochs: int
    w0: float
    reduction: str
    method: str
    diverged: bool = False
    message: str = field(default="")

    def format_log(self) -> str:
        """Return the course's log, one line per epoch.

        Each line reads ``'Epoch {:4d}/{} W: {:.3f}, Cost: {:.6f}'``. A run that
        diverged ends with one more line: its ``message``.

        Returns:
            The lines joined with newlines, ready to print.

        Examples:
            >>> from gd_tutorial import toy_data
            >>> x_train, y_train = toy_data()
            >>> history = gradient_descent(x_train, y_train, lr=0.1, epochs=2, reduction="sum")
            >>> print(history.format_log())
            Epoch    0/2 W: 0.000, Cost: 4.666667
            Epoch    1/2 W: 1.400, Cost: 0.746666
            Epoch    2/2 W: 0.840, Cost: 0.119467
        """
        lines = [
            LOG_FORMAT.format(epoch, self.epochs, weight, cost)
            for epoch, (weight, cost) in enumerate(zip(self.weights, self.costs, strict=True))
        ]
        if self.message:
            lines.append(self.message)
        return "\n".join(lines)


def _overflow_at_start(w0: float, dtype: torch.dtype) -> ValueError:
    """The error for a run whose very first cost or gradient overflows: no update happened yet,
    so the learning rate is not to blame."""
    return ValueError(
        f"the cost or its gradient at the starting weight w0={w0:g} overflows {dtype}: "
        f"x, y or w0 are too large; rescale them or pass float64 tensors"
    )


def _finish(
    x: torch.Tensor,
    reduction: str,
    weights: list[float],
    costs: list[float],
    gradients: list[float],
    overflowed: bool,
    **settings: Any,
) -> History:
    """Build the History, deciding (and announcing) whether the run diverged."""
    grew = (
        len(costs) > 1
        and costs[-1] > costs[0]
        and not math.isclose(costs[-1], costs[0], rel_tol=1e-6, abs_tol=1e-12)
    )
    message = ""
    if overflowed or grew:
        bound = max_stable_lr(x, reduction)
        what = (
            f"the numbers overflowed after epoch {len(costs) - 1}, so the run stopped"
            if overflowed
            else f"the cost grew from {costs[0]:.6f} to {costs[-1]:.6f}"
        )
        message = (
            f"Diverged: {what}. For gradient descent on this data with reduction="
            f"{reduction!r}, lr must be below the stable bound {bound:.6f}; "
            f"lr={settings['lr']:g} was used."
        )
        warnings.warn(message, DivergenceWarning, stacklevel=3)
    return History(
        weights=weights,
        costs=costs,
        gradients=gradients,
        reduction=reduction,
        diverged=bool(message),
        message=message,
        **settings,
    )


def gradient_descent(
    x: Any,
    y: Any,
    lr: float,
    epochs: int,
    w0: float = 0.0,
    reduction: str = "mean",
) -> History:
    """Fit ``H(x) = W * x`` by gradient descent written by hand, without autograd.

    Each epoch computes the cost and the analytic gradient
    ([mse_gradient][gd_tutorial.mse_gradient]) at the current ``W``, records
    them, then updates ``W -= lr * gradient``. Epoch 0 is recorded before the
    first update, as in the course, so ``epochs=10`` gives 11 rows.

    A run whose cost grows is flagged (``diverged``), its ``message`` names the
    stable bound ([max_stable_lr][gd_tutorial.max_stable_lr]), and a
    ``DivergenceWarning`` is issued. If the numbers overflow, the run stops
    before any NaN or infinity is recorded.

    Args:
        x: Inputs, shape (m,) or (m, 1).
        y: Targets, with the shape of ``x``.
        lr: The learning rate, greater than 0.
        epochs: How many updates to make (0 or more).
        w0: The starting weight.
        reduction: ``"mean"`` for the true MSE gradient, ``"sum"`` for the course's form.

    Returns:
        The [History][gd_tutorial.History] of the run.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If the data is invalid, ``lr`` is not a finite positive
            number, ``epochs`` is negative, ``reduction`` is unknown, or the
            cost at ``w0`` already overflows (before any update).

    Examples:
        >>> from gd_tutorial import toy_data
        >>> x_train, y_train = toy_data()
        >>> history = gradient_descent(x_train, y_train, lr=0.1, epochs=10, reduction="sum")
        >>> [round(w, 3) for w in history.weights[:4]]
        [0.0, 1.4, 0.84, 1.064]
    """
    x, y = _checks.data(x, y)
    lr = _checks.learning_rate(lr)
    epochs = _checks.epochs(epochs)
    w0 = _checks.number(w0, "w0")
    reduction = _checks.reduction(reduction)

    W = torch.tensor(w0, dtype=x.dtype)
    weights: list[float] = []
    costs: list[float] = []
    gradients: list[float] = []
    overflowed = False
    for _ in range(epochs + 1):
        residual = W * x - y
        cost = torch.mean(residual**2)
        product = residual * x
        gradient = 2 * torch.mean(product) if reduction == "mean" else torch.sum(product)
        row = (W.item(), cost.item(), gradient.item())
        if not all(math.isfinite(value) for value in row):
            if not weights:
                raise _overflow_at_start(w0, x.dtype)
            overflowed = True
            break
        weights.append(row[0])
        costs.append(row[1])
        gradients.append(row[2])
        W = W - lr * gradient
    return _finish(
        x,
        reduction,
        weights,
        costs,
        gradients,
        overflowed,
        lr=lr,
        epochs=epochs,
        w0=w0,
        method="by hand",
    )


def train_with_optimizer(
    x: Any,
    y: Any,
    lr: float,
    epochs: int,
    w0: float = 0.0,
    optimizer: Callable[..., torch.optim.Optimizer] = torch.optim.SGD,
) -> History:
    """Fit ``H(x) = W * x`` with autograd and a ``torch.optim`` optimizer.

    ``W`` is a leaf tensor created with ``requires_grad=True``. Every epoch
    recomputes the hypothesis and the mean squared error from ``W``, records
    them, then calls ``zero_grad()``, ``backward()`` and ``step()``.

    With ``torch.optim.SGD`` this takes exactly the steps of
    [gradient_descent][gd_tutorial.gradient_descent] with ``reduction="mean"``.

    Args:
        x: Inputs, shape (m,) or (m, 1).
        y: Targets, with the shape of ``x``.
        lr: The learning rate, greater than 0.
        epochs: How many updates to make (0 or more).
        w0: The starting weight.
        optimizer: A ``torch.optim`` optimizer class, or any callable taking
            ``(params, lr=...)``, such as ``functools.partial(torch.optim.SGD, momentum=0.9)``.

    Returns:
        The [History][gd_tutorial.History] of the run, with ``reduction="mean"``.

    Raises:
        TypeError: If an argument has the wrong type, or ``optimizer`` does not
            build a ``torch.optim.Optimizer``.
        ValueError: If the data is invalid, ``lr`` is not a finite positive
            number, ``epochs`` is negative, or the cost at ``w0`` already
            overflows (before any update).

    Examples:
        >>> from gd_tutorial import toy_data
        >>> x_train, y_train = toy_data()
        >>> history = train_with_optimizer(x_train, y_train, lr=0.15, epochs=10)
        >>> [round(w, 3) for w in history.weights[:4]]
        [0.0, 1.4, 0.84, 1.064]
    """
    x, y = _checks.data(x, y)
    lr = _checks.learning_rate(lr)
    epochs = _checks.epochs(epochs)
    w0 = _checks.number(w0, "w0")
    if isinstance(optimizer, type) and not issubclass(optimizer, torch.optim.Optimizer):
        raise TypeError(
            f"optimizer must be a torch.optim optimizer class such as torch.optim.SGD; "
            f"got the class {optimizer.__name__}, which is not a torch.optim.Optimizer"
        )
    if not callable(optimizer):
        raise TypeError(
            f"optimizer must be a torch.optim optimizer class such as torch.optim.SGD; "
            f"got {type(optimizer).__name__}"
        )

    W = torch.tensor(w0, dtype=x.dtype, requires_grad=True)
    try:
        opt = optimizer([W], lr=lr)
    except TypeError as error:
        raise TypeError(
            f"optimizer must build a torch.optim.Optimizer when called as "
            f"optimizer([W], lr=...); the call failed: {error}"
        ) from error
    if not isinstance(opt, torch.optim.Optimizer):
        raise TypeError(
            f"optimizer must build a torch.optim.Optimizer (such as torch.optim.SGD); "
            f"it built a {type(opt).__name__}"
        )
    weights: list[float] = []
    costs: list[float] = []
    gradients: list[float] = []
    overflowed = False
    for _ in range(epochs + 1):
        cost = torch.mean((W * x - y) ** 2)
        opt.zero_grad()
        cost.backward()
        row = (W.item(), cost.item(), W.grad.item())
        if not all(math.isfinite(value) for value in row):
            if not weights:
                raise _overflow_at_start(w0, x.dtype)
            overflowed = True
            break
        weights.append(row[0])
        costs.append(row[1])
        gradients.append(row[2])
        opt.step()
    return _finish(
        x,
        "mean",
        weights,
        costs,
        gradients,
        overflowed,
        lr=lr,
        epochs=epochs,
        w0=w0,
        method=type(opt).__name__,
    )
