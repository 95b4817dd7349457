"""The model, its cost and the cost's gradient, written with plain tensor arithmetic."""

from __future__ import annotations

from typing import Any

import torch

from gd_tutorial import _checks


def toy_data() -> tuple[torch.Tensor, torch.Tensor]:
    """Return the lesson's data set, where the best model is ``W = 1``.

    Returns:
        The inputs and the targets, ``(x_train, y_train)``: two float32 tensors of
        shape (3, 1), both ``[[1.], [2.], [3.]]``.

    Examples:
        >>> x_train, y_train = toy_data()
        >>> x_train.shape, x_train.dtype
        (torch.Size([3, 1]), torch.float32)
    """
    x_train = torch.tensor([[1.0], [2.0], [3.0]])
    y_train = torch.tensor([[1.0], [2.0], [3.0]])
    return x_train, y_train


def noisy_data(
    m: int = 20, true_w: float = 2.0, noise: float = 1.0, seed: int = 0
) -> tuple[torch.Tensor, torch.Tensor]:
    """Return a data set scattered around the line ``y = true_w * x``, the same for the same seed.

    The inputs are drawn uniformly between 0 and 5, and each target is the true
    line plus its own noise: ``y = true_w * x + noise * e``, where ``e`` is
    drawn from the standard normal distribution (mean 0, variance 1). So the
    noise has variance ``noise ** 2``. Both draws come from one generator,
    ``torch.Generator().manual_seed(seed)``, first ``x`` and then ``e``.

    Args:
        m: The number of samples, 1 or more.
        true_w: The slope of the line the data comes from.
        noise: The standard deviation of the noise, 0 or more. With 0 every
            point lies on the line.
        seed: The generator's seed: the same seed gives the same data on every
            call, and another seed other data.

    Returns:
        ``(x, y)``: two float32 tensors of shape (m, 1).

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If ``m`` is less than 1, ``noise`` is negative, or a number
            is not finite.

    Examples:
        >>> x, y = noisy_data(m=3, true_w=2.0, noise=0.0)
        >>> torch.equal(y, 2 * x), x.shape, x.dtype
        (True, torch.Size([3, 1]), torch.float32)
        >>> torch.equal(noisy_data(seed=1)[1], noisy_data(seed=1)[1])
        True
    """
    m = _checks.whole_number(m, "m", minimum=1)
    true_w = _checks.number(true_w, "true_w")
    noise = _checks.number(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise is a standard deviation and must be 0 or more; got {noise:g}")
    seed = _checks.whole_number(seed, "seed", minimum=0)
    generator = torch.Generator().manual_seed(seed)
    x = 5 * torch.rand(m, 1, generator=generator)
    e = torch.randn(m, 1, generator=generator)
    return x, true_w * x + noise * e


# --- the arithmetic, in one place: the public functions below and the descents use it -------


def _predict(x: torch.Tensor, W: torch.Tensor, b: torch.Tensor | None = None) -> torch.Tensor:
    """``H(x)``: ``W * x`` for one input (``W`` 0-d), ``x @ W`` for several (``W`` of shape (n,)).

    ``b`` is added when given. The caller has checked the shapes.
    """
    prediction = x @ W if W.dim() == 1 else W * x
    return prediction if b is None else prediction + b


def _mse(prediction: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """``mean((prediction - target) ** 2)``, for tensors of equal shape."""
    return torch.mean((prediction - target) ** 2)


def _gradients(
    x: torch.Tensor,
    y: torch.Tensor,
    W: torch.Tensor,
    b: torch.Tensor | None = None,
    reduction: str = "mean",
) -> list[torch.Tensor]:
    """The cost's gradient for ``W`` (and ``b``), worked out by hand.

    With residuals ``r = H(x) - y``: ``2 * mean(r * x)`` for ``W`` (for several inputs, per
    input: ``(2/m) * x.T @ r``) and ``2 * mean(r)`` for ``b``. ``"sum"`` takes the course's
    ``sum(r * x)`` and ``sum(r)`` instead.
    """
    residual = _predict(x, W, b) - y
    if W.dim() == 1:  # several inputs: one column of x per weight
        slopes = [x * residual.reshape(-1, 1)]
        dims: list[Any] = [0]
    else:
        slopes, dims = [residual * x], [None]
    if b is not None:
        slopes.append(residual)
        dims.append(None)
    if reduction == "mean":
        return [
            2 * (torch.mean(s) if d is None else torch.mean(s, dim=d))
            for s, d in zip(slopes, dims, strict=True)
        ]
    return [
        torch.sum(s) if d is None else torch.sum(s, dim=d)
        for s, d in zip(slopes, dims, strict=True)
    ]


def _design(x: torch.Tensor, bias: bool) -> torch.Tensor:
    """The inputs as a float64 matrix (m, n), with a column of ones appended for a bias."""
    x = x.double().reshape(x.shape[0], -1)
    return torch.cat([x, torch.ones(x.shape[0], 1, dtype=x.dtype)], dim=1) if bias else x


def _hessian(x: torch.Tensor, bias: bool, reduction: str) -> torch.Tensor:
    """The cost's constant Hessian over the weights (and the bias): ``(2/m) * A.T @ A``.

    ``A`` is the design matrix; ``"sum"`` takes ``A.T @ A``, that of half the summed squared
    error, whose gradient is the course's.
    """
    design = _design(x, bias)
    gram = design.T @ design
    return 2 * gram / design.shape[0] if reduction == "mean" else gram


def hypothesis(x: Any, W: Any, b: Any = None) -> torch.Tensor:
    """Predict ``H(x) = x * W`` (plus ``b`` when a bias is given).

    Args:
        x: Inputs, shape (m,) or (m, 1). Lists are converted to float tensors.
        W: The weight: a number, or a tensor holding one value. It may require
            grad; autograd follows the computation.
        b: An optional bias, a number or a tensor holding one value.

    Returns:
        The predictions, with the shape of ``x``.

    Raises:
        TypeError: If an argument is not numeric.
        ValueError: If ``x`` has the wrong shape, or ``W`` or ``b`` holds more
            than one value.

    Examples:
        >>> x_train, _ = toy_data()
        >>> hypothesis(x_train, 2.0).flatten()
        tensor([2., 4., 6.])
    """
    x = _checks.as_float_tensor(x, "x")
    if x.dim() not in (1, 2) or (x.dim() == 2 and x.shape[1] != 1):
        raise ValueError(f"x must have shape (m,) or (m, 1); got {tuple(x.shape)}")
    W = _checks.single_value(W, "W", x.dtype)
    b = None if b is None else _checks.single_value(b, "b", x.dtype)
    return _predict(x, W.reshape(()), None if b is None else b.reshape(())).reshape(x.shape)


def mse(prediction: Any, target: Any) -> torch.Tensor:
    """Return the mean squared error ``mean((prediction - target) ** 2)``.

    The shapes must be equal. A prediction of shape (3,) against a target of
    shape (3, 1) would otherwise broadcast to a (3, 3) matrix of differences
    and give a wrong cost without any error.

    Args:
        prediction: The model's outputs.
        target: The true values, with the same shape as ``prediction``.

    Returns:
        The cost as a 0-d tensor. Autograd can differentiate it.

    Raises:
        TypeError: If an argument is not numeric.
        ValueError: If the shapes differ or the tensors are empty.

    Examples:
        >>> x_train, y_train = toy_data()
        >>> mse(hypothesis(x_train, 0.0), y_train)
        tensor(4.6667)
    """
    prediction = _checks.as_float_tensor(prediction, "prediction", _checks.float_dtype_of(target))
    target = _checks.as_float_tensor(target, "target", prediction.dtype)
    if prediction.shape != target.shape:
        raise ValueError(
            f"prediction and target must have the same shape; got {tuple(prediction.shape)} "
            f"and {tuple(target.shape)} (unequal shapes would broadcast and give a wrong cost)"
        )
    if prediction.numel() == 0:
        raise ValueError("prediction and target must hold at least one value; got empty tensors")
    return _mse(prediction, target)


def cost_curve(weights: Any, x: Any, y: Any) -> torch.Tensor:
    """Return the cost at many values of ``W`` at once.

    One broadcast operation computes every cost: the weights form a column,
    the samples a row, and the mean runs along the row.

    Args:
        weights: Candidate weights, a 1-D tensor or list.
        x: Inputs, shape (m,) or (m, 1).
        y: Targets, with the shape of ``x``.

    Returns:
        A 1-D tensor: ``costs[i]`` is the mean squared error of ``H(x) = weights[i] * x``.

    Raises:
        TypeError: If an argument is not numeric.
        ValueError: If ``weights`` is not 1-D or empty, or the data is invalid.

    Examples:
        >>> x_train, y_train = toy_data()
        >>> cost_curve(torch.tensor([0.0, 1.0, 2.0]), x_train, y_train)
        tensor([4.6667, 0.0000, 4.6667])
    """
    x, y = _checks.data(x, y)
    weights = _checks.as_float_tensor(weights, "weights", x.dtype)
    if weights.dim() != 1 or weights.numel() == 0:
        raise ValueError(
            f"weights must be a non-empty 1-D tensor of candidate W values; "
            f"got shape {tuple(weights.shape)}"
        )
    _checks.check_finite(weights, "weights")
    predictions = weights.reshape(-1, 1) * x.reshape(1, -1)  # (n_weights, m)
    return torch.mean((predictions - y.reshape(1, -1)) ** 2, dim=1)


def mse_gradient(W: Any, x: Any, y: Any, reduction: str = "mean") -> torch.Tensor:
    """Return the derivative of the cost with respect to ``W``, worked out by hand.

    With ``reduction="mean"`` this is the true derivative of the mean squared
    error, ``2 * mean((W*x - y) * x)``. With ``reduction="sum"`` it is
    ``sum((W*x - y) * x)``, the form the original course's code uses.

    The two differ only by the constant factor ``2/m`` for ``m`` samples:
    ``sum = mean_gradient * m / 2``. A constant factor is absorbed by the
    learning rate, so ``lr = 0.1`` with ``"sum"`` takes exactly the steps of
    ``lr = 0.15`` with ``"mean"`` on three samples (0.1 = 0.15 * 2/3).

    Args:
        W: The weight: a number, or a tensor holding one value.
        x: Inputs, shape (m,) or (m, 1).
        y: Targets, with the shape of ``x``.
        reduction: ``"mean"`` or ``"sum"``.

    Returns:
        The gradient, with the shape of ``W`` (a 0-d tensor when ``W`` is a number).

    Raises:
        TypeError: If an argument is not numeric.
        ValueError: If the data or ``W`` has the wrong shape, or ``reduction`` is unknown.

    Examples:
        >>> x_train, y_train = toy_data()
        >>> mse_gradient(0.0, x_train, y_train)
        tensor(-9.3333)
        >>> mse_gradient(0.0, x_train, y_train, reduction="sum")
        tensor(-14.)
    """
    x, y = _checks.data(x, y)
    W = _checks.single_value(W, "W", x.dtype)
    reduction = _checks.reduction(reduction)
    return _gradients(x, y, W.reshape(()), reduction=reduction)[0].reshape(W.shape)


def curvature(x: Any, reduction: str = "mean") -> float:
    """Return ``L``, the slope of the gradient in ``W``: the curvature that sets each step.

    The gradient is a straight line in ``W`` with slope ``L``, whichever form it takes.
    For ``"mean"`` it is ``2 * mean(x**2)``, the second derivative of the mean squared
    error. For ``"sum"`` it is ``sum(x**2)``, the second derivative of half the summed
    squared error, ``sum((W*x - y)**2) / 2``, whose derivative is the course's gradient
    ``sum((W*x - y) * x)``. On the lesson's toy data these are two different numbers, 28/3
    (the curvature of the mean squared error) and 14 (that of half the summed squared
    error), so say which one you mean. Each step of gradient descent with that gradient
    multiplies the distance to the best ``W`` by ``1 - lr * L``.

    Args:
        x: Inputs, shape (m,) or (m, 1).
        reduction: ``"mean"`` or ``"sum"``, as in [mse_gradient][gd_tutorial.mse_gradient].

    Returns:
        ``L`` as a float.

    Raises:
        TypeError: If ``x`` is not numeric.
        ValueError: If ``x`` has the wrong shape, is empty or not finite, or
            ``reduction`` is unknown.

    Examples:
        >>> x_train, _ = toy_data()
        >>> round(curvature(x_train), 4), curvature(x_train, reduction="sum")
        (9.3333, 14.0)
    """
    x = _checks.inputs(x)
    reduction = _checks.reduction(reduction)
    squares = x.double() ** 2
    return float(2 * squares.mean() if reduction == "mean" else squares.sum())


def curvatures(x: Any, reduction: str = "mean") -> tuple[float, ...]:
    """Return every curvature of the cost over the weights and the bias, the gentlest first.

    With a bias, ``H(x) = W * x + b``, the cost's second derivatives form the
    constant matrix (the Hessian) ``2 * [[mean(x**2), mean(x)], [mean(x), 1]]``
    for ``"mean"``, and ``m/2`` times that for ``"sum"``. Its two eigenvalues
    are the curvatures along the two axes of the elliptic bowl: the largest
    sets the stable bound ``2 / largest``, the smallest the pace along the
    valley floor, where each step of plain descent multiplies the distance by
    ``1 - lr * smallest``. Their ratio is the condition number.

    For ``n`` inputs, ``x`` of shape (m, n) and ``H(x) = x @ W + b``, the Hessian over the
    ``n`` weights and the bias is ``(2/m) * A.T @ A``, where ``A`` is ``x`` with a column of
    ones appended (``A.T @ A`` for ``"sum"``), and its ``n + 1`` eigenvalues are returned,
    computed in float64 by ``torch.linalg.eigvalsh``.

    Args:
        x: Inputs, shape (m,), (m, 1) or (m, n).
        reduction: ``"mean"`` or ``"sum"``, as in [mse_gradient][gd_tutorial.mse_gradient].

    Returns:
        The eigenvalues as floats, smallest first: ``(smallest, largest)`` for one input,
        ``n + 1`` of them for ``n`` inputs.

    Raises:
        TypeError: If ``x`` is not numeric.
        ValueError: If ``x`` has the wrong shape, is empty or not finite, or
            ``reduction`` is unknown.

    Examples:
        >>> x_train, _ = toy_data()
        >>> smallest, largest = curvatures(x_train)
        >>> round(smallest, 4), round(largest, 4), round(largest / smallest, 1)
        (0.2404, 11.0929, 46.1)
        >>> quizzes = [[73.0, 80, 75], [93, 88, 93], [89, 91, 90], [96, 98, 100], [73, 66, 70]]
        >>> [round(value, 4) for value in curvatures(quizzes)]  # three weights and the bias
        [0.0064, 2.4261, 27.0955, 44013.672]
    """
    x = _checks.several_inputs(x)
    reduction = _checks.reduction(reduction)
    if x.dim() == 2 and x.shape[1] > 1:
        eigenvalues = torch.linalg.eigvalsh(_hessian(x, bias=True, reduction=reduction))
        return tuple(float(value) for value in eigenvalues)
    x = x.double().flatten()
    mean_square, mean, variance = float((x**2).mean()), float(x.mean()), float(x.var(False))
    # Eigenvalues of 2 * [[a, c], [c, 1]]: (a + 1) +- sqrt((a - 1)**2 + 4 c**2). The smallest
    # is taken from the determinant, 4 * variance, to avoid subtracting nearly equal numbers.
    largest = mean_square + 1 + ((mean_square - 1) ** 2 + 4 * mean**2) ** 0.5
    smallest = 4 * variance / largest
    scale = 1.0 if reduction == "mean" else x.numel() / 2
    return smallest * scale, largest * scale


def max_stable_lr(x: Any, reduction: str = "mean", *, bias: bool = False) -> float:
    """Return the stable bound ``2 / L``: gradient descent converges for every ``lr`` below it.

    The cost is a parabola in ``W`` with curvature ``L`` (see
    [curvature][gd_tutorial.curvature]: ``2 * mean(x**2)`` for ``"mean"``, the second
    derivative of the mean squared error). A step multiplies the distance to the
    minimum by ``1 - lr * L``, so full-batch descent converges exactly when
    ``|1 - lr * L| < 1``, that is for ``0 < lr < 2 / L``. The bound itself is not
    among them: at ``lr = 2 / L`` descent bounces between two points forever;
    above it, it diverges. With a bias the same holds along each axis of the bowl
    over ``(W, b)``, so the bound is ``2`` over the largest of the
    [curvatures][gd_tutorial.curvatures]. For ``n`` inputs, ``x`` of shape (m, n), it is
    ``2`` over the largest eigenvalue of the Hessian over the ``n`` weights (and the bias),
    ``(2/m) * x.T @ x`` without one.

    Args:
        x: Inputs, shape (m,), (m, 1) or (m, n). The bound does not depend on ``y``.
        reduction: ``"mean"`` or ``"sum"``, as in [mse_gradient][gd_tutorial.mse_gradient].
        bias: ``True`` for the model ``H(x) = W * x + b`` (``x @ W + b``).

    Returns:
        ``2 / L`` as a float.

    Raises:
        TypeError: If ``x`` is not numeric or ``bias`` is not a bool.
        ValueError: If ``x`` is all zeros without a bias (the cost is then
            flat), has the wrong shape, is empty or not finite, or
            ``reduction`` is unknown.

    Examples:
        >>> x_train, _ = toy_data()
        >>> round(max_stable_lr(x_train), 6), round(max_stable_lr(x_train, "sum"), 6)
        (0.214286, 0.142857)
        >>> round(max_stable_lr(x_train, bias=True), 6)
        0.180295
        >>> round(max_stable_lr(torch.tensor([[1.0, 0.0], [0.0, 2.0]])), 6)  # 2 / 4
        0.5
    """
    if not isinstance(bias, bool):
        raise TypeError(f"bias must be True or False; got {bias!r}")
    x = _checks.several_inputs(x)
    if x.dim() == 2 and x.shape[1] > 1:
        reduction = _checks.reduction(reduction)
        L = float(torch.linalg.eigvalsh(_hessian(x, bias, reduction)).max())
    elif bias:
        return 2 / curvatures(x, reduction)[1]
    else:
        L = curvature(x, reduction)
    if L == 0:
        raise ValueError("x must not be all zeros: the cost is then flat in W and has no bound")
    return 2 / L


def closed_form_weight(x: Any, y: Any, *, bias: bool = False) -> float | tuple[float, ...]:
    """Return the exact minimiser of the cost: ``sum(x * y) / sum(x * x)`` for one input.

    Setting the derivative ``2 * mean((W*x - y) * x)`` to zero and solving for
    ``W`` gives this formula. Gradient descent should arrive at the same value.
    For several inputs, or with a bias, the minimiser solves the least-squares problem
    ``A @ w = y`` (``A`` is ``x``, with a column of ones for the bias); it is computed in
    float64 by ``torch.linalg.lstsq``.

    Args:
        x: Inputs, shape (m,), (m, 1) or (m, n).
        y: Targets: the shape of ``x`` for one input, (m,) or (m, 1) for several.
        bias: ``True`` for the model with a bias; the bias is then returned last.

    Returns:
        The best ``W`` as a float (one input, no bias); otherwise a tuple of the best
        weights, then the best bias when ``bias`` is ``True``.

    Raises:
        TypeError: If ``bias`` is not a bool.
        ValueError: If the data is invalid, or the minimiser is not unique: ``x`` is all
            zeros, or its columns (with the column of ones, for a bias) are linearly
            dependent, so that many weights give the same least cost.

    Examples:
        >>> x_train, y_train = toy_data()
        >>> closed_form_weight(x_train, y_train)
        1.0
        >>> x = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
        >>> y = x @ torch.tensor([2.0, -1.0]) + 3
        >>> [round(w, 6) for w in closed_form_weight(x, y, bias=True)]
        [2.0, -1.0, 3.0]
    """
    if not isinstance(bias, bool):
        raise TypeError(f"bias must be True or False; got {bias!r}")
    x, y = _checks.descent_data(x, y)
    if (x.dim() == 2 and x.shape[1] > 1) or bias:
        design = _design(x, bias)
        if int(torch.linalg.matrix_rank(design)) < design.shape[1]:
            columns = "the columns of x" + (" and a column of ones (the bias)" if bias else "")
            raise ValueError(
                f"{columns} are linearly dependent: many weights give the same least cost, "
                f"so there is no single minimiser"
            )
        solution = torch.linalg.lstsq(design, y.double().reshape(-1, 1)).solution
        return tuple(float(value) for value in solution.flatten())
    x, y = x.double(), y.double()
    denominator = torch.sum(x * x)
    if denominator == 0:
        raise ValueError("x must not be all zeros: every W then gives the same cost")
    return float(torch.sum(x * y) / denominator)
