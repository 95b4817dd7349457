"""Descent on ``H(x) = W * x + b`` (or ``x @ W + b`` for several inputs): the one loop.

``_descend`` is the only loop. Epoch by epoch it takes the data whole (one update
per epoch) or in shuffled mini-batches (one update per batch), hands each batch
to an update with that epoch's learning rate, and records a row after it. What
differs between methods is the update: a rule written by hand (plain gradient
descent, momentum, Adam, Adagrad and RMSprop, in ``gd_tutorial.rules``) on
gradients worked out by hand, or a real ``torch.optim`` optimizer
(``zero_grad()``, ``backward()``, ``step()``).
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field
from typing import Any

import torch

from gd_tutorial import _checks, rules
from gd_tutorial.core import _gradients, _hessian, _mse, _predict, max_stable_lr
from gd_tutorial.rules import Params, Rule

LOG_FORMAT = "Epoch {:4d}/{} W: {:.3f}, Cost: {:.6f}"
LOG_FORMAT_WITH_BIAS = "Epoch {:4d}/{} W: {:.3f}, b: {:.3f}, Cost: {:.6f}"
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

# An update takes the parameters, one batch (x, y) and this epoch's learning rate, and returns
# the new parameters.
Update = Callable[[Params, torch.Tensor, torch.Tensor, float], Params]


class DivergenceWarning(RuntimeWarning):
    """Warned when a run's cost grows instead of shrinking."""


@dataclass(frozen=True)
class History:
    """What a run did, one row for the start and one after each update, and its settings.

    Row ``k`` holds the parameters after ``k`` updates (row 0: the start), the
    cost of the whole data set at them and its gradient there (with the run's
    ``reduction``). A full-batch run makes one update per epoch, so row ``k``
    is epoch ``k``, ``epochs=10`` gives 11 rows, and ``gradients[k]`` is the very
    gradient that update ``k + 1`` used. A mini-batch run makes
    ``steps_per_epoch`` updates per epoch, each with the gradient of one batch
    (not recorded); the start and the end of each epoch are rows ``0, s, 2s, ...``
    for ``s = steps_per_epoch``, that is ``history.weights[::history.steps_per_epoch]``.
    A run that overflowed stops before recording the numbers that overflowed.

    Attributes:
        weights: ``W`` at each row, as plain floats; for several inputs (``x`` of
            shape (m, n)), a tuple of the ``n`` weights at each row.
        costs: The mean squared error of all the data at each row.
        gradients: The gradient of the cost with respect to ``W`` at each row,
            over all the data (a tuple of ``n`` for several inputs).
        lr: The learning rate.
        epochs: The number of epochs asked for.
        w0: The starting weight: a float, or for several inputs the float every
            weight started at or the tuple of their starts, as given.
        reduction: ``"mean"`` or ``"sum"``: how the gradients were reduced.
        method: How the steps were taken. ``"by hand"`` for
            [gradient_descent][gd_tutorial.gradient_descent], and ``"SGD"`` for
            ``torch.optim.SGD`` with its plain settings: both are plain gradient
            descent. ``"momentum by hand (momentum=0.9)"``, ``"Nesterov
            momentum by hand (momentum=0.9)"`` and ``"Adam by hand (betas=(0.9,
            0.999), eps=1e-08)"`` for [momentum_descent][gd_tutorial.momentum_descent]
            and [adam_descent][gd_tutorial.adam_descent]; ``"Adagrad by hand
            (eps=1e-10)"`` and ``"RMSprop by hand (alpha=0.99, eps=1e-08)"`` for
            [adagrad_descent][gd_tutorial.adagrad_descent] and
            [rmsprop_descent][gd_tutorial.rmsprop_descent]. Other settings of
            ``torch.optim.SGD`` are named, as in ``"SGD with momentum=0.9"``, and
            any other optimizer by its class, such as ``"Adam"``.
        diverged: ``True`` when the run blew up: its numbers overflowed, or its
            cost grew without bound. For full-batch plain gradient descent any
            growth of the cost over the run shows that (beyond rounding); for
            full-batch momentum at a constant ``lr``, a growth with a rate per step
            above 1 (from the curvatures); for any other run, whose cost may rise a
            little and still settle, the last cost must be more than 100 times the first.
        message: Empty for a run that did not diverge; otherwise says what
            happened. For full-batch plain gradient descent it names the stable
            learning-rate bound ([max_stable_lr][gd_tutorial.max_stable_lr],
            with ``bias=True`` for a model with a bias); for a mini-batch run or
            another method it says that this bound does not apply, and to try a
            smaller ``lr``.
        biases: ``b`` at each row, or ``None`` for a model without a bias.
        bias_gradients: The gradient of the cost with respect to ``b`` at each
            row, or ``None`` without a bias.
        b0: The starting bias, or ``None`` without a bias.
        batch_size: The mini-batch size, or ``None`` for full batches.
        seed: The seed of the generator that shuffled the mini-batches (unused
            for full batches).
        steps_per_epoch: Updates per epoch: 1 for full batches, otherwise the
            number of mini-batches, ``ceil(m / batch_size)``.
        schedule: The learning-rate schedule, or ``None`` for a constant ``lr``.
            The ``method`` does not change with a schedule; this records it.
        lrs: With a schedule, the learning rate of each epoch, ``lr *
            schedule(k)`` for ``k`` from 0 to ``epochs - 1``; ``None`` without one.
    """

    weights: list[Any]
    costs: list[float]
    gradients: list[Any]
    lr: float
    epochs: int
    w0: Any
    reduction: str
    method: str
    diverged: bool = False
    message: str = field(default="")
    _: KW_ONLY
    biases: list[float] | None = None
    bias_gradients: list[float] | None = None
    b0: float | None = None
    batch_size: int | None = None
    seed: int = 0
    steps_per_epoch: int = 1
    schedule: Any = None
    lrs: list[float] | None = None

    def format_log(self) -> str:
        """Return the course's log, one line per epoch.

        Each line reads ``'Epoch {:4d}/{} W: {:.3f}, Cost: {:.6f}'``, with
        ``b: {:.3f}`` after ``W`` for a model with a bias. With several inputs
        every weight is printed, numbered from 1: ``'Epoch {:4d}/{} w1: {:.3f},
        w2: {:.3f}, b: {:.3f}, Cost: {:.6f}'`` (``b`` only with a bias). A mini-batch run
        prints the rows at the ends of epochs (and the start), so its log has
        one line per epoch too. A run that diverged ends with one more line:
        its ``message``.

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
            >>> run = gradient_descent(x_train, y_train, lr=0.1, epochs=2, b0=0.0, batch_size=2)
            >>> print(run.format_log())
            Epoch    0/2 W: 0.000, b: 0.000, Cost: 4.666667
            Epoch    1/2 W: 0.840, b: 0.320, Cost: 0.017067
            Epoch    2/2 W: 0.843, b: 0.291, Cost: 0.016893
            >>> x = torch.tensor([[1.0, 2.0], [2.0, 1.0], [3.0, 3.0]])
            >>> two = gradient_descent(x, x.sum(dim=1), lr=0.02, epochs=2, w0=[0.5, 0.0])
            >>> print(two.format_log())
            Epoch    0/2 w1: 0.500, w2: 0.000, Cost: 10.166667
            Epoch    1/2 w1: 0.767, w2: 0.273, Cost: 4.187763
            Epoch    2/2 w1: 0.936, w2: 0.449, Cost: 1.738181
            >>> [round(w, 4) for w in two.weights[1]]  # a tuple of the two weights
            [0.7667, 0.2733]
        """
        lines = []
        for epoch, row in enumerate(range(0, len(self.weights), self.steps_per_epoch)):
            weights = self.weights[row]
            if isinstance(weights, tuple):  # several inputs: every weight, then b
                parts = [f"w{i}: {w:.3f}" for i, w in enumerate(weights, start=1)]
                if self.biases is not None:
                    parts.append(f"b: {self.biases[row]:.3f}")
                parts.append(f"Cost: {self.costs[row]:.6f}")
                line = f"Epoch {epoch:4d}/{self.epochs} " + ", ".join(parts)
            elif self.biases is None:
                line = LOG_FORMAT.format(epoch, self.epochs, self.weights[row], self.costs[row])
            else:
                values = self.weights[row], self.biases[row], self.costs[row]
                line = LOG_FORMAT_WITH_BIAS.format(epoch, self.epochs, *values)
            lines.append(line)
        if self.message:
            lines.append(self.message)
        return "\n".join(lines)


# --- the one loop ------------------------------------------------------------------------------


def _by_hand(rule: Rule, reduction: str) -> Update:
    """The update of a hand-written rule: the batch's gradients by hand, then the rule's step."""
    return lambda params, x, y, lr: rule(params, _gradients(x, y, *params, reduction=reduction), lr)


Value = float | tuple[float, ...]  # W (a float for one input, a tuple for several) or b
Row = tuple[list[Value], float, list[Value]]  # parameters, cost, gradients


def _value(tensor: torch.Tensor) -> Value:
    """A parameter as the History holds it: a float, or a tuple of floats for several weights."""
    return tensor.item() if tensor.dim() == 0 else tuple(tensor.tolist())


def _measure(params: Params, x: torch.Tensor, y: torch.Tensor, reduction: str) -> Row:
    """A row of the History: the parameters, and the whole data's cost and gradients there."""
    with torch.no_grad():
        params = [p.detach() for p in params]
        cost = _mse(_predict(x, *params), y)
        grads = _gradients(x, y, *params, reduction=reduction)
    return [_value(p) for p in params], cost.item(), [_value(g) for g in grads]


def _is_finite(row: Row) -> bool:
    values, cost, grads = row
    numbers = [cost]
    for value in [*values, *grads]:
        numbers.extend(value if isinstance(value, tuple) else [value])
    return all(math.isfinite(number) for number in numbers)


def _number_text(value: Value) -> str:
    """``1.5`` as ``1.5``, and several weights as ``(1, 2.5)``."""
    if isinstance(value, tuple):
        return "(" + ", ".join(f"{item:g}" for item in value) + ")"
    return f"{value:g}"


def _descend(
    x: torch.Tensor,
    y: torch.Tensor,
    params: Params,
    update: Update,
    *,
    lrs: list[float],
    batch_size: int | None,
    seed: int,
    reduction: str,
    end_of_epoch: Callable[[], None] | None = None,
) -> tuple[list[Row], bool]:
    """Run ``update`` over the data, epoch by epoch; return the rows and whether it overflowed.

    Without ``batch_size`` each epoch is one update on all the data. With it,
    each epoch shuffles the samples with ``torch.randperm(m, generator=g)``, one
    generator seeded once per run, and updates once per consecutive slice of
    ``batch_size`` samples (the last may be smaller). Epoch ``k`` updates with the
    learning rate ``lrs[k]``, and ``end_of_epoch`` (a scheduler's ``step``) is called
    after every epoch but the last. The run stops before recording a row whose numbers
    overflowed.
    """
    start = _measure(params, x, y, reduction)
    if not _is_finite(start):
        names = ("w0", "b0")[: len(params)]
        values = ", ".join(
            f"{name}={_number_text(value)}" for name, value in zip(names, start[0], strict=True)
        )
        at = f"the starting weight {values}" if len(params) == 1 else f"the start ({values})"
        culprits = ", ".join(["x", "y", *names[:-1]]) + f" or {names[-1]}"
        raise ValueError(
            f"the cost or its gradient at {at} overflows {x.dtype}: {culprits} are too "
            f"large; rescale them or pass float64 tensors"
        )
    rows = [start]
    generator = torch.Generator().manual_seed(seed)
    for epoch, lr in enumerate(lrs):
        if batch_size is None:
            batches = [(x, y)]
        else:
            order = torch.randperm(x.shape[0], generator=generator)
            batches = [(x[batch], y[batch]) for batch in order.split(batch_size)]
        for x_batch, y_batch in batches:
            params = update(params, x_batch, y_batch, lr)
            row = _measure(params, x, y, reduction)
            if not _is_finite(row):
                return rows, True
            rows.append(row)
        if end_of_epoch is not None and epoch < len(lrs) - 1:
            end_of_epoch()
    return rows, False


# --- the History and its divergence message ------------------------------------------------


# A run with momentum, an adaptive rule or mini-batches is flagged when its last cost is more
# than this many times its first (see _divergence).
GROWTH = 100


def _divergence(
    costs: list[float], overflowed: bool, monotone: bool, unstable: bool | None = None
) -> str:
    """Say how a run went wrong: ``"overflowed"``, ``"grew"`` (its cost), or ``""`` if it did not.

    A run diverges when it blows up: its numbers overflow, or its cost grows without bound.
    Which growth proves that depends on the run.

    Full-batch plain gradient descent (``monotone``) on this quadratic cost multiplies the
    distance to the minimum along each axis of the bowl by ``1 - lr * curvature`` at every
    step. When ``lr`` is at most the stable bound, every factor is at most 1 in size and the
    cost never rises; so a cost that ends above its start, by more than rounding, shows a
    factor above 1: the distance grows geometrically and the run does blow up.

    Every other run (momentum, Adam, Adagrad, RMSprop, any ``torch.optim`` optimizer but plain
    SGD, and any mini-batch run) may end above its start and still be stable: heavy-ball
    momentum's first step alone can multiply the distance by up to ``1 + 2 * momentum`` (the
    cost by up to 9), Adam steps about ``lr`` even beside the minimum, and mini-batches keep
    the cost of all the data wobbling in a band above its minimum. None of these grows without
    bound, while a run that blows up grows geometrically and passes any fixed factor in a few
    more epochs. Such a run is flagged when its last cost is more than ``GROWTH`` (100) times
    its first, which leaves a wide margin above the 9 of momentum.

    Full-batch momentum with a constant ``lr`` is a linear recurrence along each axis of the
    bowl, whose rate per step is known (``unstable``: whether any axis's rate exceeds 1, see
    ``_momentum_unstable``). Its cost that ends above its start, beyond rounding, is then
    called diverged exactly when some rate is above 1, however little it has grown yet.
    """
    if overflowed:
        return "overflowed"
    if len(costs) < 2 or costs[-1] <= costs[0]:
        return ""
    if math.isclose(costs[-1], costs[0], rel_tol=1e-6, abs_tol=1e-12):
        return ""
    if unstable is not None:
        return "grew" if unstable else ""
    return "grew" if monotone or costs[-1] > GROWTH * costs[0] else ""


def _momentum_unstable(
    x: torch.Tensor, bias: bool, lr: float, momentum: float, nesterov: bool
) -> bool:
    """Whether full-batch momentum at ``lr`` grows along some axis of the bowl.

    Along an axis of curvature ``c`` (an eigenvalue of the Hessian of the mean squared
    error), the distance ``e`` and the velocity ``v`` of ``torch.optim.SGD`` follow
    ``v' = momentum * v + c * e`` and ``e' = e - lr * v'`` (heavy ball) or
    ``e' = e - lr * (c * e + momentum * v')`` (Nesterov): a 2 x 2 linear map, whose
    eigenvalues' largest size is the rate per step.
    """
    mu = momentum
    for c in torch.linalg.eigvalsh(_hessian(x, bias, "mean")).tolist():
        if nesterov:
            matrix = [[1 - lr * c * (1 + mu), -lr * mu * mu], [c, mu]]
        else:
            matrix = [[1 - lr * c, -lr * mu], [c, mu]]
        rate = torch.linalg.eigvals(torch.tensor(matrix, dtype=torch.float64)).abs().max()
        if float(rate) > 1 + 1e-12:
            return True
    return False


def _is_plain(history: History) -> bool:
    """Whether a run took the steps of full-batch plain gradient descent."""
    return history.method in PLAIN_METHODS and history.batch_size is None


def _divergence_message(x: torch.Tensor, history: History, divergence: str) -> str:
    """What went wrong, and for plain gradient descent the learning rate it needed."""
    costs, k = history.costs, len(history.costs) - 1
    if divergence == "grew":
        what = f"the cost grew from {costs[0]:g} to {costs[-1]:g}"
    elif history.batch_size is None:
        what = f"the numbers overflowed after epoch {k}, so the run stopped"
    else:
        epoch = k // history.steps_per_epoch + 1
        what = f"the numbers overflowed after update {k} (in epoch {epoch}), so the run stopped"
    lr, reduction = history.lr, history.reduction
    used = f"lr={lr:g} was used"
    if history.lrs:
        low, high = min(history.lrs), max(history.lrs)
        used += f", with the schedule {history.schedule!r}: from {low:g} to {high:g}"
    if history.method not in PLAIN_METHODS:
        return (
            f"Diverged: {what}. This run used {history.method}. The stable bound 2/L holds for "
            f"plain gradient descent only, and this optimizer has no such simple bound, "
            f"so try a smaller lr; {used}."
        )
    if history.batch_size is not None:
        return (
            f"Diverged: {what}. This run took mini-batches of {history.batch_size}: each "
            f"update steps along the cost of its own batch, which can curve more steeply than "
            f"the cost of all the data, so the stable bound of full-batch gradient descent does "
            f"not apply to it; try a smaller lr; {used}."
        )
    bias = history.biases is not None
    bound = max_stable_lr(x, reduction, bias=bias)
    model = f"reduction={reduction!r}" + (" and a bias" if bias else "")
    return (
        f"Diverged: {what}. For gradient descent on this data with {model}, lr must be "
        f"below the stable bound {bound:.6f}; {used}."
    )


def _scheduled_lrs(schedule: Callable[[int], Any], lr: float, epochs: int) -> list[float]:
    """Each epoch's learning rate, ``lr * schedule(epoch)``, refusing a factor that is not a
    finite number, 0 or more, and naming its epoch."""
    lrs = []
    for epoch in range(epochs):
        factor = _checks.schedule_factor(schedule(epoch), epoch)
        lrs.append(lr * factor)
    return lrs


def _run(
    x: torch.Tensor,
    y: torch.Tensor,
    params: Params,
    update: Update,
    *,
    reduction: str,
    method: str,
    end_of_epoch: Callable[[], None] | None = None,
    unstable: bool | None = None,
    **settings: Any,
) -> History:
    """Run the loop and build the History, announcing a divergence with a DivergenceWarning."""
    batch_size, b0, schedule = settings["batch_size"], settings["b0"], settings["schedule"]
    lr, epochs = settings["lr"], settings["epochs"]
    lrs = None if schedule is None else _scheduled_lrs(schedule, lr, epochs)
    rows, overflowed = _descend(
        x,
        y,
        params,
        update,
        lrs=[lr] * epochs if lrs is None else lrs,
        batch_size=batch_size,
        seed=settings["seed"],
        reduction=reduction,
        end_of_epoch=end_of_epoch,
    )
    values, costs, grads = zip(*rows, strict=True)
    history = History(
        weights=[row[0] for row in values],
        costs=list(costs),
        gradients=[row[0] for row in grads],
        reduction=reduction,
        method=method,
        biases=None if b0 is None else [row[1] for row in values],
        bias_gradients=None if b0 is None else [row[1] for row in grads],
        steps_per_epoch=1 if batch_size is None else math.ceil(x.shape[0] / batch_size),
        lrs=lrs,
        **settings,
    )
    divergence = _divergence(history.costs, overflowed, _is_plain(history), unstable)
    if not divergence:
        return history
    message = _divergence_message(x, history, divergence)
    warnings.warn(message, DivergenceWarning, stacklevel=3)
    return dataclasses.replace(history, diverged=True, message=message)


# --- the public runs ------------------------------------------------------------------------


def _checked(
    x: Any,
    y: Any,
    lr: Any,
    epochs: Any,
    w0: Any,
    b0: Any,
    batch_size: Any,
    seed: Any,
    schedule: Any = None,
) -> tuple[torch.Tensor, torch.Tensor, dict[str, Any]]:
    """Check the data and the settings every run shares."""
    x, y = _checks.descent_data(x, y)
    n = 1 if x.dim() == 1 else x.shape[1]
    settings = {
        "lr": _checks.learning_rate(lr),
        "epochs": _checks.epochs(epochs),
        "w0": _checks.start_weights(w0, n),
        "b0": _checks.optional_number(b0, "b0"),
        "batch_size": _checks.batch_size(batch_size, x.shape[0]),
        "seed": _checks.seed(seed),
        "schedule": _checks.schedule(schedule),
    }
    return x, y, settings


def _start(settings: dict[str, Any], x: torch.Tensor, requires_grad: bool = False) -> Params:
    """The starting parameters: ``[W]``, or ``[W, b]`` when ``b0`` is a number.

    ``W`` is a 0-d tensor for one input and holds ``n`` weights for ``x`` of shape (m, n).
    """
    dtype, n = x.dtype, 1 if x.dim() == 1 else x.shape[1]
    w0, b0 = settings["w0"], settings["b0"]
    if n > 1:  # several inputs: a weight for each, all at w0 when it is a number
        w0 = (w0,) * n if isinstance(w0, float) else w0
    starts = [w0] if b0 is None else [w0, b0]
    return [torch.tensor(value, dtype=dtype, requires_grad=requires_grad) for value in starts]


def gradient_descent(
    x: Any,
    y: Any,
    lr: float,
    epochs: int,
    w0: Any = 0.0,
    reduction: str = "mean",
    *,
    b0: float | None = None,
    batch_size: int | None = None,
    seed: int = 0,
    schedule: Callable[[int], float] | None = None,
) -> History:
    """Fit ``H(x) = W * x`` (or ``x @ W + b``) by gradient descent by hand, without autograd.

    Each update computes the analytic gradient of the cost on its batch
    ([mse_gradient][gd_tutorial.mse_gradient], and ``2 * mean(H(x) - y)`` for
    ``b``) and steps ``W -= lr * gradient`` (and ``b`` likewise). Without
    ``batch_size`` there is one update per epoch on all the data, and the
    History has a row for the start and one per epoch, as the course prints
    them: ``epochs=10`` gives 11 rows. With ``batch_size``, each epoch shuffles
    the data (seeded by ``seed``) and updates once per mini-batch.

    A run that blows up is flagged (``diverged``, see [History][gd_tutorial.History]),
    and a ``DivergenceWarning`` is issued; for full batches its ``message`` names the
    stable bound ([max_stable_lr][gd_tutorial.max_stable_lr]). If the numbers
    overflow, the run stops before any NaN or infinity is recorded.

    Args:
        x: Inputs, shape (m,) or (m, 1); or (m, n) for ``n`` inputs, the model
            then being ``H(x) = x @ W (+ b)`` with ``n`` weights.
        y: Targets: the shape of ``x`` for one input, (m,) or (m, 1) for several.
        lr: The learning rate, greater than 0.
        epochs: How many passes over the data (0 or more).
        w0: The starting weight: a number (every weight starts there), or a
            sequence of one per input.
        reduction: ``"mean"`` for the true MSE gradient, ``"sum"`` for the course's form.
        b0: The starting bias; ``None`` (the default) for a model without a bias.
        batch_size: Samples per update, from 1 to ``m``; ``None`` for the whole data.
        seed: Seeds the generator that shuffles the mini-batches.
        schedule: ``None`` for a constant ``lr``, or a function from the epoch
            (counted from 0) to a factor: epoch ``k`` then runs with ``lr *
            schedule(k)``, as ``torch.optim.lr_scheduler.LambdaLR`` computes it
            (see [step_schedule][gd_tutorial.step_schedule] and the others).

    Returns:
        The [History][gd_tutorial.History] of the run.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If the data is invalid, ``lr`` is not a finite positive
            number, ``epochs`` is negative, ``reduction`` is unknown,
            ``batch_size`` is not from 1 to ``m``, ``seed`` is negative, or the
            cost at the start already overflows (before any update).

    Examples:
        >>> from gd_tutorial import toy_data
        >>> x_train, y_train = toy_data()
        >>> history = gradient_descent(x_train, y_train, lr=0.1, epochs=10, reduction="sum")
        >>> [round(w, 3) for w in history.weights[:4]]
        [0.0, 1.4, 0.84, 1.064]
        >>> run = gradient_descent(x_train, y_train, lr=0.1, epochs=2, b0=0.0, batch_size=2)
        >>> len(run.weights), run.steps_per_epoch  # 2 batches per epoch: of 2 samples, then 1
        (5, 2)
        >>> from gd_tutorial import step_schedule
        >>> decayed = gradient_descent(x_train, y_train, 0.1, 4, schedule=step_schedule(2))
        >>> [round(lr, 6) for lr in decayed.lrs]  # each epoch's lr * schedule(epoch)
        [0.1, 0.1, 0.01, 0.01]
        >>> x3 = torch.tensor([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0], [1.0, 1.0, 0.0]])
        >>> three = gradient_descent(x3, [[3.0], [2.0], [2.0]], lr=0.1, epochs=1, w0=[0, 0, 0])
        >>> [round(w, 4) for w in three.weights[1]]  # W -= lr * (2/m) * x.T @ (x @ W - y)
        [0.3333, 0.2667, 0.5333]
    """
    x, y, settings = _checked(x, y, lr, epochs, w0, b0, batch_size, seed, schedule)
    reduction = _checks.reduction(reduction)
    update = _by_hand(rules.plain(), reduction)
    params = _start(settings, x)
    return _run(x, y, params, update, reduction=reduction, method="by hand", **settings)


def momentum_descent(
    x: Any,
    y: Any,
    lr: float,
    epochs: int,
    momentum: float = 0.9,
    *,
    nesterov: bool = False,
    w0: Any = 0.0,
    b0: float | None = None,
    batch_size: int | None = None,
    seed: int = 0,
    schedule: Callable[[int], float] | None = None,
) -> History:
    """Fit ``H(x) = W * x`` (or ``x @ W + b``) by gradient descent with momentum, by hand.

    A velocity remembers past gradients: the first is the gradient itself,
    then ``v = momentum * v + gradient``, and each update steps ``W -= lr * v``
    (Nesterov: ``W -= lr * (gradient + momentum * v)``). These are exactly the
    steps of ``torch.optim.SGD(params, lr, momentum=momentum, nesterov=nesterov)``
    on the mean squared error; batches, rows and divergence work as in
    [gradient_descent][gd_tutorial.gradient_descent]. The stable bound of plain
    descent does not apply, so a divergence message does not quote it.

    Args:
        x: Inputs, shape (m,) or (m, 1); or (m, n) for ``n`` inputs, the model
            then being ``H(x) = x @ W (+ b)`` with ``n`` weights.
        y: Targets: the shape of ``x`` for one input, (m,) or (m, 1) for several.
        lr: The learning rate, greater than 0.
        epochs: How many passes over the data (0 or more).
        momentum: How much of the velocity each update keeps, in [0, 1).
        nesterov: Step with Nesterov's look-ahead; needs a momentum above 0.
        w0: The starting weight: a number (every weight starts there), or a
            sequence of one per input.
        b0: The starting bias; ``None`` for a model without a bias.
        batch_size: Samples per update, from 1 to ``m``; ``None`` for the whole data.
        seed: Seeds the generator that shuffles the mini-batches.
        schedule: ``None`` for a constant ``lr``, or a function from the epoch
            (counted from 0) to a factor: epoch ``k`` then runs with ``lr *
            schedule(k)``, as ``torch.optim.lr_scheduler.LambdaLR`` computes it
            (see [step_schedule][gd_tutorial.step_schedule] and the others).

    Returns:
        The [History][gd_tutorial.History] of the run, with ``reduction="mean"``.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If an argument is out of its range (as in
            [gradient_descent][gd_tutorial.gradient_descent]), ``momentum`` is
            not in [0, 1), or ``nesterov`` is asked for with a momentum of 0.

    Examples:
        >>> from gd_tutorial import toy_data
        >>> x_train, y_train = toy_data()
        >>> run = momentum_descent(x_train, y_train, lr=0.05, epochs=3, momentum=0.9)
        >>> [round(w, 3) for w in run.weights], run.method
        ([0.0, 0.467, 1.136, 1.674], 'momentum by hand (momentum=0.9)')
    """
    x, y, settings = _checked(x, y, lr, epochs, w0, b0, batch_size, seed, schedule)
    momentum = _checks.fraction(momentum, "momentum")
    nesterov = _checks.nesterov(nesterov, momentum)
    update = _by_hand(rules.momentum(momentum, nesterov), "mean")
    unstable = None  # known for full batches at a constant lr
    if settings["batch_size"] is None and settings["schedule"] is None:
        bias = settings["b0"] is not None
        unstable = _momentum_unstable(x, bias, settings["lr"], momentum, nesterov)
    name = "Nesterov momentum" if nesterov else "momentum"
    method = f"{name} by hand (momentum={momentum:g})"
    start = _start(settings, x)
    return _run(x, y, start, update, reduction="mean", method=method, unstable=unstable, **settings)


def adam_descent(
    x: Any,
    y: Any,
    lr: float,
    epochs: int,
    *,
    betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8,
    w0: Any = 0.0,
    b0: float | None = None,
    batch_size: int | None = None,
    seed: int = 0,
    schedule: Callable[[int], float] | None = None,
) -> History:
    """Fit ``H(x) = W * x`` (or with a bias, or several inputs) with Adam, written by hand.

    Running averages of the gradient (``m``) and of its square (``v``) start at
    0; update ``t`` (from 1) corrects them to ``m_hat = m / (1 - beta1**t)`` and
    ``v_hat = v / (1 - beta2**t)`` and steps ``W -= lr * m_hat / (sqrt(v_hat) + eps)``:
    about ``lr`` per update, whatever the scale of the gradient. These are
    exactly the steps of ``torch.optim.Adam(params, lr, betas=betas, eps=eps)``
    on the mean squared error; batches, rows and divergence work as in
    [gradient_descent][gd_tutorial.gradient_descent].

    Args:
        x: Inputs, shape (m,) or (m, 1); or (m, n) for ``n`` inputs, the model
            then being ``H(x) = x @ W (+ b)`` with ``n`` weights.
        y: Targets: the shape of ``x`` for one input, (m,) or (m, 1) for several.
        lr: The learning rate, greater than 0.
        epochs: How many passes over the data (0 or more).
        betas: ``(beta1, beta2)``, how much of ``m`` and ``v`` each update keeps, each in [0, 1).
        eps: Added to ``sqrt(v_hat)`` so that the step stays finite; greater than 0.
        w0: The starting weight: a number (every weight starts there), or a
            sequence of one per input.
        b0: The starting bias; ``None`` for a model without a bias.
        batch_size: Samples per update, from 1 to ``m``; ``None`` for the whole data.
        seed: Seeds the generator that shuffles the mini-batches.
        schedule: ``None`` for a constant ``lr``, or a function from the epoch
            (counted from 0) to a factor: epoch ``k`` then runs with ``lr *
            schedule(k)``, as ``torch.optim.lr_scheduler.LambdaLR`` computes it
            (see [step_schedule][gd_tutorial.step_schedule] and the others).

    Returns:
        The [History][gd_tutorial.History] of the run, with ``reduction="mean"``.

    Raises:
        TypeError: If an argument has the wrong type, or ``betas`` is not a pair.
        ValueError: If an argument is out of its range (as in
            [gradient_descent][gd_tutorial.gradient_descent]), a beta is not in
            [0, 1), or ``eps`` is not greater than 0.

    Examples:
        >>> from gd_tutorial import toy_data
        >>> x_train, y_train = toy_data()
        >>> run = adam_descent(x_train, y_train, lr=0.1, epochs=3)
        >>> [round(w, 3) for w in run.weights]  # each step about lr long
        [0.0, 0.1, 0.2, 0.298]
    """
    x, y, settings = _checked(x, y, lr, epochs, w0, b0, batch_size, seed, schedule)
    betas = _checks.betas(betas)
    eps = _checks.eps(eps)
    update = _by_hand(rules.adam(betas, eps), "mean")
    method = f"Adam by hand (betas={betas}, eps={eps:g})"
    return _run(x, y, _start(settings, x), update, reduction="mean", method=method, **settings)


def adagrad_descent(
    x: Any,
    y: Any,
    lr: float,
    epochs: int,
    *,
    eps: float = 1e-10,
    w0: Any = 0.0,
    b0: float | None = None,
    batch_size: int | None = None,
    seed: int = 0,
    schedule: Callable[[int], float] | None = None,
) -> History:
    """Fit ``H(x) = W * x`` (or with a bias, or several inputs) with Adagrad, written by hand.

    Each parameter keeps the sum of its squared gradients, ``s = s + gradient**2``
    (from 0), and steps ``W -= lr * gradient / (sqrt(s) + eps)``. The sum only
    grows, so the steps only ever shrink: with a steady gradient the ``k``-th step
    is about ``lr / sqrt(k)``, and a long run stalls before it arrives. These are
    exactly the steps of ``torch.optim.Adagrad(params, lr, eps=eps)`` (with its
    defaults ``lr_decay=0``, ``weight_decay=0``, ``initial_accumulator_value=0``) on
    the mean squared error; batches, rows and divergence work as in
    [gradient_descent][gd_tutorial.gradient_descent], without its stable bound.

    Args:
        x: Inputs, shape (m,), (m, 1) or (m, n).
        y: Targets: the shape of ``x`` for one input, (m,) or (m, 1) for several.
        lr: The learning rate, greater than 0.
        epochs: How many passes over the data (0 or more).
        eps: Added to ``sqrt(s)`` so that the step stays finite; greater than 0.
        w0: The starting weight: a number, or a sequence of one per input.
        b0: The starting bias; ``None`` for a model without a bias.
        batch_size: Samples per update, from 1 to ``m``; ``None`` for the whole data.
        seed: Seeds the generator that shuffles the mini-batches.
        schedule: ``None`` for a constant ``lr``, or a function from the epoch
            (counted from 0) to a factor: epoch ``k`` then runs with ``lr *
            schedule(k)``, as ``torch.optim.lr_scheduler.LambdaLR`` computes it
            (see [step_schedule][gd_tutorial.step_schedule] and the others).

    Returns:
        The [History][gd_tutorial.History] of the run, with ``reduction="mean"`` and
        ``method`` ``"Adagrad by hand (eps=1e-10)"``.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If an argument is out of its range (as in
            [gradient_descent][gd_tutorial.gradient_descent]), or ``eps`` is not
            greater than 0.

    Examples:
        >>> from gd_tutorial import toy_data
        >>> x_train, y_train = toy_data()
        >>> run = adagrad_descent(x_train, y_train, lr=0.5, epochs=3)
        >>> [round(w, 3) for w in run.weights], run.method
        ([0.0, 0.5, 0.724, 0.844], 'Adagrad by hand (eps=1e-10)')
    """
    x, y, settings = _checked(x, y, lr, epochs, w0, b0, batch_size, seed, schedule)
    eps = _checks.eps(eps)
    update = _by_hand(rules.adagrad(eps), "mean")
    method = f"Adagrad by hand (eps={eps:g})"
    return _run(x, y, _start(settings, x), update, reduction="mean", method=method, **settings)


def rmsprop_descent(
    x: Any,
    y: Any,
    lr: float,
    epochs: int,
    *,
    alpha: float = 0.99,
    eps: float = 1e-8,
    w0: Any = 0.0,
    b0: float | None = None,
    batch_size: int | None = None,
    seed: int = 0,
    schedule: Callable[[int], float] | None = None,
) -> History:
    """Fit ``H(x) = W * x`` (or with a bias, or several inputs) with RMSprop, written by hand.

    Each parameter keeps a running average of its squared gradients,
    ``a = alpha * a + (1 - alpha) * gradient**2`` (from 0), and steps
    ``W -= lr * gradient / (sqrt(a) + eps)``: Adam without the running average of the
    gradient itself and without the correction of the start. These are exactly the
    steps of ``torch.optim.RMSprop(params, lr, alpha=alpha, eps=eps)`` (with its
    defaults ``centered=False``, ``momentum=0``, ``weight_decay=0``) on the mean
    squared error; batches, rows and divergence work as in
    [gradient_descent][gd_tutorial.gradient_descent], without its stable bound.

    Args:
        x: Inputs, shape (m,), (m, 1) or (m, n).
        y: Targets: the shape of ``x`` for one input, (m,) or (m, 1) for several.
        lr: The learning rate, greater than 0.
        epochs: How many passes over the data (0 or more).
        alpha: How much of the average each update keeps, in [0, 1).
        eps: Added to ``sqrt(a)`` so that the step stays finite; greater than 0.
        w0: The starting weight: a number, or a sequence of one per input.
        b0: The starting bias; ``None`` for a model without a bias.
        batch_size: Samples per update, from 1 to ``m``; ``None`` for the whole data.
        seed: Seeds the generator that shuffles the mini-batches.
        schedule: ``None`` for a constant ``lr``, or a function from the epoch
            (counted from 0) to a factor: epoch ``k`` then runs with ``lr *
            schedule(k)``, as ``torch.optim.lr_scheduler.LambdaLR`` computes it
            (see [step_schedule][gd_tutorial.step_schedule] and the others).

    Returns:
        The [History][gd_tutorial.History] of the run, with ``reduction="mean"`` and
        ``method`` ``"RMSprop by hand (alpha=0.99, eps=1e-08)"``.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If an argument is out of its range (as in
            [gradient_descent][gd_tutorial.gradient_descent]), ``alpha`` is not in
            [0, 1), or ``eps`` is not greater than 0.

    Examples:
        >>> from gd_tutorial import toy_data
        >>> x_train, y_train = toy_data()
        >>> run = rmsprop_descent(x_train, y_train, lr=0.01, epochs=3)
        >>> [round(w, 3) for w in run.weights], run.method  # a first step of 10 * lr
        ([0.0, 0.1, 0.167, 0.22], 'RMSprop by hand (alpha=0.99, eps=1e-08)')
    """
    x, y, settings = _checked(x, y, lr, epochs, w0, b0, batch_size, seed, schedule)
    alpha = _checks.fraction(alpha, "alpha")
    eps = _checks.eps(eps)
    update = _by_hand(rules.rmsprop(alpha, eps), "mean")
    method = f"RMSprop by hand (alpha={alpha:g}, eps={eps:g})"
    return _run(x, y, _start(settings, x), update, reduction="mean", method=method, **settings)


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


def _build_optimizer(
    optimizer: Callable[..., torch.optim.Optimizer], params: Params, lr: float
) -> torch.optim.Optimizer:
    """Call ``optimizer(params, lr=lr)``, refusing anything that does not build an optimizer."""
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
    names = "[W]" if len(params) == 1 else "[W, b]"
    try:
        opt = optimizer(params, lr=lr)
    except TypeError as error:
        raise TypeError(
            f"optimizer must build a torch.optim.Optimizer when called as "
            f"optimizer({names}, lr=...); the call failed: {error}"
        ) from error
    if not isinstance(opt, torch.optim.Optimizer):
        raise TypeError(
            f"optimizer must build a torch.optim.Optimizer (such as torch.optim.SGD); "
            f"it built a {type(opt).__name__}"
        )
    return opt


def train_with_optimizer(
    x: Any,
    y: Any,
    lr: float,
    epochs: int,
    w0: Any = 0.0,
    optimizer: Callable[..., torch.optim.Optimizer] = torch.optim.SGD,
    *,
    b0: float | None = None,
    batch_size: int | None = None,
    seed: int = 0,
    schedule: Callable[[int], float] | None = None,
) -> History:
    """Fit ``H(x) = W * x`` (or ``x @ W + b``) with autograd and a ``torch.optim`` optimizer.

    ``W`` (and ``b``) are leaf tensors created with ``requires_grad=True``.
    Each update recomputes the hypothesis and the mean squared error of its
    batch from them, then calls ``zero_grad()``, ``backward()`` and
    ``step()``. Batches and rows are those of
    [gradient_descent][gd_tutorial.gradient_descent]: the same loop runs both.

    With ``torch.optim.SGD`` this takes exactly the steps of
    [gradient_descent][gd_tutorial.gradient_descent] with ``reduction="mean"``;
    with ``SGD(momentum=...)`` those of
    [momentum_descent][gd_tutorial.momentum_descent], and with ``Adam`` those
    of [adam_descent][gd_tutorial.adam_descent]. The History's ``method`` names
    the optimizer and its settings, and the stable bound of plain gradient
    descent is quoted only for plain SGD.

    Args:
        x: Inputs, shape (m,) or (m, 1); or (m, n) for ``n`` inputs, the model
            then being ``H(x) = x @ W (+ b)`` with ``n`` weights.
        y: Targets: the shape of ``x`` for one input, (m,) or (m, 1) for several.
        lr: The learning rate, greater than 0.
        epochs: How many passes over the data (0 or more).
        w0: The starting weight: a number (every weight starts there), or a
            sequence of one per input.
        optimizer: A ``torch.optim`` optimizer class, or any callable taking
            ``(params, lr=...)``, such as ``functools.partial(torch.optim.SGD, momentum=0.9)``.
        b0: The starting bias; ``None`` for a model without a bias.
        batch_size: Samples per update, from 1 to ``m``; ``None`` for the whole data.
        seed: Seeds the generator that shuffles the mini-batches.
        schedule: ``None`` for a constant ``lr``, or a function from the epoch
            (counted from 0) to a factor: epoch ``k`` then runs with ``lr *
            schedule(k)``, as ``torch.optim.lr_scheduler.LambdaLR`` computes it
            (see [step_schedule][gd_tutorial.step_schedule] and the others).

    Returns:
        The [History][gd_tutorial.History] of the run, with ``reduction="mean"``.

    Raises:
        TypeError: If an argument has the wrong type, or ``optimizer`` does not
            build a ``torch.optim.Optimizer``.
        ValueError: If an argument is out of its range (as in
            [gradient_descent][gd_tutorial.gradient_descent]), or the cost at
            the start already overflows (before any update).

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
    x, y, settings = _checked(x, y, lr, epochs, w0, b0, batch_size, seed, schedule)
    params = _start(settings, x, requires_grad=True)
    opt = _build_optimizer(optimizer, params, settings["lr"])

    def update(params: Params, x: torch.Tensor, y: torch.Tensor, lr: float) -> Params:
        cost = _mse(_predict(x, *params), y)
        opt.zero_grad()
        cost.backward()
        opt.step()
        return params

    end_of_epoch = None
    if settings["schedule"] is not None:
        _scheduled_lrs(settings["schedule"], settings["lr"], settings["epochs"])  # refuse first
        end_of_epoch = torch.optim.lr_scheduler.LambdaLR(opt, settings["schedule"]).step
    method = _method_name(opt)
    return _run(
        x,
        y,
        params,
        update,
        reduction="mean",
        method=method,
        end_of_epoch=end_of_epoch,
        **settings,
    )
