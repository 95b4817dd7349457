"""Descent loops: one written by hand, one driven by a ``torch.optim`` optimizer, and one
written by hand for a model with a bias."""

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
# The methods that take the steps of plain gradient descent, W -= lr * gradient.
PLAIN_METHODS = ("by hand", "SGD")
# The settings of torch.optim.SGD that change its steps, and their values for plain descent.
_PLAIN_SGD_SETTINGS = {
    "momentum": 0,
    "dampening": 0,
    "nesterov": False,
    "weight_decay": 0,
    "maximize": False,
}


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
        method: How the steps were taken. ``"by hand"`` for
            [gradient_descent][gd_tutorial.gradient_descent], and ``"SGD"`` for
            ``torch.optim.SGD`` with its plain settings: both are plain gradient
            descent. Other settings of SGD are named, as in
            ``"SGD with momentum=0.9"`` or ``"SGD with momentum=0.9, nesterov=True"``
            or ``"SGD with weight_decay=0.01"``. Any other optimizer is named by
            its class, such as ``"Adam"``.
        diverged: ``True`` when the cost grew over the run (or overflowed).
        message: Empty for a run that did not diverge; otherwise says what
            happened. For plain gradient descent it names the stable
            learning-rate bound; for another method it says that the bound
            does not apply, and to try a smaller ``lr``.
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


@dataclass(frozen=True)
class BiasHistory:
    """A run of gradient descent on ``H(x) = W * x + b``, one row per epoch.

    Attributes:
        weights: ``W`` at each epoch, before its update.
        biases: ``b`` at each epoch.
        costs: The mean squared error at each epoch.
        lr: The learning rate.
        epochs: The number of epochs asked for.
        w0: The starting weight.
        b0: The starting bias.
        diverged: ``True`` when the cost grew over the run (or overflowed).
        message: Empty, or what happened and the stable bound for this data.
    """

    weights: list[float]
    biases: list[float]
    costs: list[float]
    lr: float
    epochs: int
    w0: float
    b0: float
    diverged: bool = False
    message: str = field(default="")


def _divergence(costs: list[float], overflowed: bool) -> str:
    """Say how a run went wrong: ``"overflowed"``, ``"grew"`` (its cost), or ``""`` if it did not.

    A cost that ends where it started, up to rounding, did not grow.
    """
    if overflowed:
        return "overflowed"
    grew = (
        len(costs) > 1
        and costs[-1] > costs[0]
        and not math.isclose(costs[-1], costs[0], rel_tol=1e-6, abs_tol=1e-12)
    )
    return "grew" if grew else ""


def _method_name(opt: torch.optim.Optimizer) -> str:
    """Name an optimizer by its class, adding the settings of SGD that change its steps."""
    name = type(opt).__name__
    if type(opt) is not torch.optim.SGD:
        return name
    changed: list[str] = []
    for group in opt.param_groups:
        for key, plain in _PLAIN_SGD_SETTINGS.items():
            value = group.get(key, plain)
            if key == "dampening" and not group.get("momentum", 0):
                continue  # without momentum, dampening changes nothing
            setting = f"{key}={value!r}"
            if value != plain and setting not in changed:
                changed.append(setting)
    return f"{name} with {', '.join(changed)}" if changed else name


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
    divergence = _divergence(costs, overflowed)
    message = ""
    if divergence:
        what = (
            f"the numbers overflowed after epoch {len(costs) - 1}, so the run stopped"
            if divergence == "overflowed"
            else f"the cost grew from {costs[0]:.6f} to {costs[-1]:.6f}"
        )
        lr, method = settings["lr"], settings["method"]
        if method in PLAIN_METHODS:
            message = (
                f"Diverged: {what}. For gradient descent on this data with reduction="
                f"{reduction!r}, lr must be below the stable bound "
                f"{max_stable_lr(x, reduction):.6f}; lr={lr:g} was used."
            )
        else:
            message = (
                f"Diverged: {what}. This run used {method}. The stable bound 2/L holds for "
                f"plain gradient descent only, and this optimizer has no such simple bound, "
                f"so try a smaller lr; lr={lr:g} was used."
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


def _bias_bound(x: torch.Tensor) -> float:
    """``2 / largest curvature`` of the cost over ``(W, b)``.

    The cost's second derivatives form ``2 * [[mean(x**2), mean(x)], [mean(x), 1]]``.
    """
    a, c = float((x.double() ** 2).mean()), float(x.double().mean())
    largest = 2 * ((a + 1) / 2 + math.sqrt(((a - 1) / 2) ** 2 + c**2))
    return 2 / largest


def gradient_descent_with_bias(
    x: Any, y: Any, lr: float, epochs: int, w0: float = 0.0, b0: float = 0.0
) -> BiasHistory:
    """Fit ``H(x) = W * x + b`` by gradient descent on both ``W`` and ``b``.

    The gradients of the mean squared error are ``2 * mean((W*x + b - y) * x)``
    for ``W`` and ``2 * mean(W*x + b - y)`` for ``b``. Each epoch records
    ``W``, ``b`` and the cost, then updates both. A run whose cost grows is
    flagged and warned about with a ``DivergenceWarning``; a run whose numbers
    overflow stops before recording them.

    Args:
        x: Inputs, shape (m,) or (m, 1).
        y: Targets, with the shape of ``x``.
        lr: The learning rate, greater than 0.
        epochs: How many updates to make (0 or more).
        w0: The starting weight.
        b0: The starting bias.

    Returns:
        The [BiasHistory][gd_tutorial.BiasHistory] of the run.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If the data is invalid, ``lr`` is not a finite positive
            number, ``epochs`` is negative, or the cost at the start overflows.

    Examples:
        >>> from gd_tutorial import toy_data
        >>> run = gradient_descent_with_bias(*toy_data(), lr=0.15, epochs=300, w0=-1.0, b0=2.0)
        >>> round(run.weights[-1], 3), round(run.biases[-1], 3)
        (1.0, 0.0)
    """
    x, y = _checks.data(x, y)
    lr = _checks.learning_rate(lr)
    epochs = _checks.epochs(epochs)
    w0, b0 = _checks.number(w0, "w0"), _checks.number(b0, "b0")
    W, b = torch.tensor(w0, dtype=x.dtype), torch.tensor(b0, dtype=x.dtype)
    weights: list[float] = []
    biases: list[float] = []
    costs: list[float] = []
    overflowed = False
    for _ in range(epochs + 1):
        residual = W * x + b - y
        cost = torch.mean(residual**2)
        grad_W, grad_b = 2 * torch.mean(residual * x), 2 * torch.mean(residual)
        row = (W.item(), b.item(), cost.item(), grad_W.item(), grad_b.item())
        if not all(math.isfinite(v) for v in row):
            if not weights:
                raise ValueError(
                    f"the cost at the start (w0={w0:g}, b0={b0:g}) overflows {x.dtype}; "
                    "rescale the data or the starting values"
                )
            overflowed = True
            break
        weights.append(row[0])
        biases.append(row[1])
        costs.append(row[2])
        W, b = W - lr * grad_W, b - lr * grad_b
    divergence = _divergence(costs, overflowed)
    message = ""
    if divergence:
        message = (
            f"Diverged: the cost {divergence}. With a bias, "
            f"lr must be below {_bias_bound(x):.6f} on this data; lr={lr:g} was used."
        )
        warnings.warn(message, DivergenceWarning, stacklevel=2)
    return BiasHistory(
        weights, biases, costs, lr, epochs, w0, b0, diverged=bool(message), message=message
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
    Other optimizers, or SGD with momentum, take other steps: the History's
    ``method`` names them, and the stable bound of plain gradient descent does
    not apply to them.

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
        >>> history.method
        'SGD'
        >>> import functools
        >>> momentum = functools.partial(torch.optim.SGD, momentum=0.9)
        >>> train_with_optimizer(x_train, y_train, lr=0.05, epochs=10, optimizer=momentum).method
        'SGD with momentum=0.9'
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
        method=_method_name(opt),
    )
