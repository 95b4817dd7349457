"""How fast descent shrinks the distance to the minimum of a quadratic cost.

The mean squared error of a linear model is a quadratic bowl: its Hessian is a constant
matrix, and along each of the Hessian's eigen-directions, with eigenvalue (curvature)
``lam``, every rule of this package acts on that direction alone. Plain gradient descent
multiplies the distance along it by ``1 - lr * lam`` each step. Momentum makes each step
depend on the two before it: a two-step recurrence whose 2 x 2 matrix's eigenvalues give
the rate. A *rate* here is the factor by which the distance shrinks per step in the long
run, the largest ``|eigenvalue|`` over the directions; below 1 the run converges.

Every function takes plain numbers and computes in float64.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import torch

from gd_tutorial import _checks

DAMPINGS = ("underdamped", "critically damped", "overdamped")
# How close to 0 (relative to the square of the trace) the discriminant counts as 0.
_CRITICAL_TOLERANCE = 1e-9


def _curvature(value: Any, name: str = "curvature") -> float:
    """A curvature: a finite number greater than 0."""
    value = _checks.number(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be greater than 0; got {value:g}")
    return value


def _curvature_list(value: Any) -> list[float]:
    """``curvatures``: one curvature, or a non-empty sequence (or tensor) of them."""
    if isinstance(value, torch.Tensor):
        value = value.flatten().tolist()
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return [_curvature(value, "curvatures")]
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) == 0:
        raise TypeError(
            f"curvatures must be a number or a non-empty sequence of numbers; got {value!r}"
        )
    return [_curvature(v, f"curvatures[{i}]") for i, v in enumerate(value)]


def _momentum(value: Any) -> float:
    return _checks.fraction(value, "momentum")


def _nesterov(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"nesterov must be True or False; got {value!r}")
    return value


def _trace_det(lr: float, momentum: float, lam: float, nesterov: bool) -> tuple[float, float]:
    """Trace and determinant of the recurrence matrix: its eigenvalues solve z**2 - T z + D = 0."""
    if nesterov:
        return (1 + momentum) * (1 - lr * lam), momentum * (1 - lr * lam)
    return 1 + momentum - lr * lam, momentum


def descent_rate(lr: float, curvatures: Any) -> float:
    """Return the rate of plain gradient descent: the largest ``|1 - lr * lam|``.

    Along an eigen-direction with curvature ``lam`` each step multiplies the distance to
    the minimum by ``1 - lr * lam``; the slowest direction sets the rate of the run.

    Args:
        lr: The learning rate, greater than 0.
        curvatures: One curvature or a sequence of them (each greater than 0), such as
            [curvatures][gd_tutorial.curvatures] of the inputs.

    Returns:
        The largest ``|1 - lr * lam|``, a float. Below 1 the run converges.

    Raises:
        TypeError: If an argument is not a number (or a sequence of numbers).
        ValueError: If ``lr`` or a curvature is not greater than 0 or not finite.

    Examples:
        >>> round(descent_rate(0.15, [0.2404, 11.0929]), 4)
        0.9639
        >>> round(descent_rate(0.1, 14.0), 4)
        0.4
    """
    lr = _checks.learning_rate(lr)
    return max(abs(1 - lr * lam) for lam in _curvature_list(curvatures))


def best_lr(curvatures: Any) -> float:
    """Return the single learning rate that makes plain descent fastest, ``2 / (lmin + lmax)``.

    There ``1 - lr * lmin`` and ``1 - lr * lmax`` are equal and opposite, and the rate
    is ``(kappa - 1) / (kappa + 1)`` for the condition number ``kappa = lmax / lmin``.

    Args:
        curvatures: One curvature or a sequence of them (each greater than 0).

    Returns:
        ``2 / (min + max)`` as a float.

    Raises:
        TypeError: If ``curvatures`` is not a number or a sequence of numbers.
        ValueError: If a curvature is not greater than 0 or not finite.

    Examples:
        >>> lr = best_lr([1.0, 9.0])
        >>> lr, descent_rate(lr, [1.0, 9.0]), (9 - 1) / (9 + 1)
        (0.2, 0.8, 0.8)
    """
    values = _curvature_list(curvatures)
    return 2 / (min(values) + max(values))


def momentum_matrix(
    lr: float, momentum: float, curvature: float, *, nesterov: bool = False
) -> torch.Tensor:
    """Return the 2 x 2 matrix of one step of momentum along one eigen-direction.

    Let ``x_t`` be the distance to the minimum along a direction with curvature ``lam``
    after ``t`` steps, so that the gradient there is ``lam * x_t``. Heavy-ball momentum
    (``torch.optim.SGD(momentum=mu)``: ``v = mu * v + g``, ``x = x - lr * v``) gives
    ``x_{t+1} = (1 + mu - lr * lam) x_t - mu x_{t-1}``; Nesterov's
    (``nesterov=True``: the step is ``g + mu * v``) gives
    ``x_{t+1} = (1 + mu)(1 - lr * lam) x_t - mu (1 - lr * lam) x_{t-1}``. The matrix maps
    ``(x_t, x_{t-1})`` to ``(x_{t+1}, x_t)``; its eigenvalues give the rate. The first
    step of either is one of plain descent with ``lr * (1 + mu)`` for Nesterov (torch's
    first velocity is the gradient itself); the recurrence holds from then on.

    Args:
        lr: The learning rate, greater than 0.
        momentum: The momentum ``mu``, in [0, 1).
        curvature: The direction's curvature ``lam``, greater than 0.
        nesterov: ``True`` for Nesterov's step.

    Returns:
        A float64 tensor of shape (2, 2).

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If an argument is out of its range.

    Examples:
        >>> momentum_matrix(0.1, 0.5, 2.0)
        tensor([[ 1.3000, -0.5000],
                [ 1.0000,  0.0000]], dtype=torch.float64)
        >>> momentum_matrix(0.1, 0.5, 2.0, nesterov=True)
        tensor([[ 1.2000, -0.4000],
                [ 1.0000,  0.0000]], dtype=torch.float64)
    """
    lr, momentum = _checks.learning_rate(lr), _momentum(momentum)
    lam, nesterov = _curvature(curvature), _nesterov(nesterov)
    if nesterov:
        first, second = (1 + momentum) * (1 - lr * lam), -momentum * (1 - lr * lam)
    else:
        first, second = 1 + momentum - lr * lam, -momentum
    return torch.tensor([[first, second], [1.0, 0.0]], dtype=torch.float64)


def momentum_rate(lr: float, momentum: float, curvatures: Any, *, nesterov: bool = False) -> float:
    """Return the rate of momentum: the largest ``|eigenvalue|`` of its matrix over the directions.

    Each direction's [momentum_matrix][gd_tutorial.momentum_matrix] has two eigenvalues;
    the larger modulus is that direction's factor per step in the long run. Where the
    direction is underdamped (complex eigenvalues) it is ``sqrt(momentum)`` for heavy
    ball, whatever the curvature. With ``momentum=0`` this is
    [descent_rate][gd_tutorial.descent_rate].

    Args:
        lr: The learning rate, greater than 0.
        momentum: The momentum, in [0, 1).
        curvatures: One curvature or a sequence of them (each greater than 0).
        nesterov: ``True`` for Nesterov's step.

    Returns:
        The spectral radius, a float; below 1 the run converges.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If an argument is out of its range.

    Examples:
        >>> round(momentum_rate(0.15, 0.7, [0.2404, 11.0929]), 4), round(0.7**0.5, 4)
        (0.8367, 0.8367)
        >>> round(momentum_rate(0.15, 0.7, 11.0929, nesterov=True), 4)
        1.4494
    """
    lr, momentum = _checks.learning_rate(lr), _momentum(momentum)
    nesterov = _nesterov(nesterov)
    radii = []
    for lam in _curvature_list(curvatures):
        matrix = momentum_matrix(lr, momentum, lam, nesterov=nesterov)
        radii.append(float(torch.linalg.eigvals(matrix).abs().max()))
    return max(radii)


def damping(lr: float, momentum: float, curvature: float, *, nesterov: bool = False) -> str:
    """Say how momentum moves along one direction: underdamped, critically damped or overdamped.

    The eigenvalues solve ``z**2 - T z + D = 0`` with ``T`` the trace and ``D`` the
    determinant of the [momentum_matrix][gd_tutorial.momentum_matrix]. If ``T**2 < 4 D``
    they are complex: the distance swings around the minimum and shrinks by
    ``sqrt(D)`` per step (``sqrt(momentum)`` for heavy ball), **underdamped**. If
    ``T**2 > 4 D`` they are real and distinct, **overdamped**. In between (up to
    rounding, ``1e-9`` of ``T**2``) they meet, **critically damped**. For heavy ball the
    two borders are ``lr * lam = (1 - sqrt(momentum))**2`` and ``(1 + sqrt(momentum))**2``.

    Args:
        lr: The learning rate, greater than 0.
        momentum: The momentum, in [0, 1).
        curvature: The direction's curvature, greater than 0.
        nesterov: ``True`` for Nesterov's step.

    Returns:
        ``"underdamped"``, ``"critically damped"`` or ``"overdamped"``.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If an argument is out of its range.

    Examples:
        >>> damping(0.15, 0.7, 11.0929), damping(0.01, 0.7, 0.2404)
        ('underdamped', 'overdamped')
        >>> damping(0.25, 0.25, 1.0)
        'critically damped'
    """
    lr, momentum = _checks.learning_rate(lr), _momentum(momentum)
    lam, nesterov = _curvature(curvature), _nesterov(nesterov)
    trace, det = _trace_det(lr, momentum, lam, nesterov)
    discriminant = trace**2 - 4 * det
    if abs(discriminant) <= _CRITICAL_TOLERANCE * max(trace**2, 4 * abs(det)):
        return "critically damped"
    return "underdamped" if discriminant < 0 else "overdamped"


def best_momentum(curvatures: Any) -> tuple[float, float]:
    """Return the pair ``(lr, momentum)`` that makes heavy-ball momentum fastest.

    ``lr = (2 / (sqrt(lmax) + sqrt(lmin)))**2`` and
    ``momentum = ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))**2`` for ``kappa = lmax / lmin``.
    Both extreme directions are then critically damped and every direction shrinks at
    the same rate, ``sqrt(momentum) = (sqrt(kappa) - 1) / (sqrt(kappa) + 1)``.

    Args:
        curvatures: One curvature or a sequence of them (each greater than 0).

    Returns:
        ``(lr, momentum)`` as floats.

    Raises:
        TypeError: If ``curvatures`` is not a number or a sequence of numbers.
        ValueError: If a curvature is not greater than 0 or not finite.

    Examples:
        >>> lr, mu = best_momentum([1.0, 9.0])
        >>> lr, mu, round(momentum_rate(lr, mu, [1.0, 9.0]), 6)
        (0.25, 0.25, 0.5)
    """
    values = _curvature_list(curvatures)
    low, high = math.sqrt(min(values)), math.sqrt(max(values))
    return (2 / (high + low)) ** 2, ((high - low) / (high + low)) ** 2


def momentum_max_lr(momentum: float, curvatures: Any, *, nesterov: bool = False) -> float:
    """Return the stability bound of momentum: it converges exactly for ``0 < lr < bound``.

    Heavy ball converges along a direction with curvature ``lam`` for
    ``0 < lr * lam < 2 * (1 + momentum)``; Nesterov's step (as ``torch.optim.SGD(nesterov=True)``
    takes it) for ``0 < lr * lam < 2 * (1 + momentum) / (1 + 2 * momentum)``. The
    steepest direction sets the bound. At the bound itself the run does not converge.

    Args:
        momentum: The momentum, in [0, 1).
        curvatures: One curvature or a sequence of them (each greater than 0).
        nesterov: ``True`` for Nesterov's step.

    Returns:
        The bound on ``lr`` as a float.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If an argument is out of its range.

    Examples:
        >>> heavy_ball = momentum_max_lr(0.7, 11.0929)
        >>> nesterov = momentum_max_lr(0.7, 11.0929, nesterov=True)
        >>> round(heavy_ball, 4), round(nesterov, 4), round(heavy_ball / nesterov, 6)
        (0.3065, 0.1277, 2.4)
        >>> momentum_max_lr(0.0, 2.0), momentum_max_lr(0.0, 2.0, nesterov=True)
        (1.0, 1.0)
    """
    momentum, nesterov = _momentum(momentum), _nesterov(nesterov)
    steepest = max(_curvature_list(curvatures))
    bound = 2 * (1 + momentum) / steepest
    return bound / (1 + 2 * momentum) if nesterov else bound


def _grid(values: Any, name: str, check: Any) -> torch.Tensor:
    if isinstance(values, torch.Tensor):
        values = values.flatten().tolist()
    if not isinstance(values, Sequence) or isinstance(values, str) or len(values) == 0:
        raise TypeError(f"{name} must be a non-empty sequence of numbers; got {values!r}")
    return torch.tensor([check(v) for v in values], dtype=torch.float64)


def rate_map(lrs: Any, momentums: Any, curvatures: Any, *, nesterov: bool = False) -> torch.Tensor:
    """Return the rate of momentum at every pair of a grid of learning rates and momentums.

    Entry ``[i, j]`` is ``momentum_rate(lrs[j], momentums[i], curvatures, nesterov=nesterov)``,
    computed from the roots of ``z**2 - T z + D`` for the whole grid at once. Rows are
    momentums and columns learning rates, ready for ``contourf(lrs, momentums, rates)``.

    Args:
        lrs: A non-empty sequence (or 1-d tensor) of learning rates, each greater than 0.
        momentums: A non-empty sequence of momentums, each in [0, 1).
        curvatures: One curvature or a sequence of them (each greater than 0).
        nesterov: ``True`` for Nesterov's step.

    Returns:
        A float64 tensor of shape ``(len(momentums), len(lrs))``.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If a value is out of its range.

    Examples:
        >>> rates = rate_map([0.1, 0.15], [0.0, 0.7], [0.2404, 11.0929])
        >>> rates.shape, round(float(rates[0, 1]), 4), round(float(rates[1, 1]), 4)
        (torch.Size([2, 2]), 0.9639, 0.8367)
    """
    lr = _grid(lrs, "lrs", _checks.learning_rate)[None, :]
    mu = _grid(momentums, "momentums", _momentum)[:, None]
    nesterov = _nesterov(nesterov)
    rates = torch.zeros(mu.shape[0], lr.shape[1], dtype=torch.float64)
    for lam in _curvature_list(curvatures):
        if nesterov:
            trace, det = (1 + mu) * (1 - lr * lam), mu * (1 - lr * lam)
        else:
            trace, det = 1 + mu - lr * lam, mu.expand(-1, lr.shape[1])
        discriminant = trace**2 - 4 * det
        root = discriminant.abs().sqrt()
        real = torch.maximum((trace + root).abs(), (trace - root).abs()) / 2
        radius = torch.where(discriminant < 0, det.abs().sqrt(), real)
        rates = torch.maximum(rates, radius)
    return rates


def epochs_to_shrink(rate: float, factor: float = 1000.0) -> int:
    """Return the fewest steps ``k`` with ``rate**k <= 1 / factor``.

    A run whose distance shrinks by ``rate`` per step shrinks it ``factor``-fold in
    ``ceil(log(factor) / -log(rate))`` steps: for a rate close to 1, about
    ``log(factor) / (1 - rate)``.

    Args:
        rate: The factor per step, in [0, 1).
        factor: How many times smaller the distance must become, greater than 1.

    Returns:
        The number of steps, an int (1 for a rate of 0).

    Raises:
        TypeError: If an argument is not a number.
        ValueError: If ``rate`` is not in [0, 1) or ``factor`` is not greater than 1.

    Examples:
        >>> epochs_to_shrink(0.5), epochs_to_shrink(0.9, factor=10)
        (10, 22)
    """
    rate = _checks.number(rate, "rate")
    if not 0 <= rate < 1:
        raise ValueError(f"rate must be in [0, 1) for the distance to shrink; got {rate:g}")
    factor = _checks.number(factor, "factor")
    if factor <= 1:
        raise ValueError(f"factor must be greater than 1; got {factor:g}")
    if rate == 0:
        return 1
    steps = math.log(factor) / -math.log(rate)
    nearest = round(steps)
    # A whole number of steps, up to rounding, is enough: 0.5**10 <= 1/1024.
    if abs(steps - nearest) < 1e-9 and rate**nearest <= 1 / factor * (1 + 1e-12):
        return max(1, nearest)
    return max(1, math.ceil(steps))
