"""Input checks shared by the public functions.

Every check raises a ``TypeError`` or ``ValueError`` whose message names the
argument and says what was expected, so that a learner never meets a raw
broadcasting or dtype error from deep inside torch.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import torch

REDUCTIONS = ("mean", "sum")


def _type_name(value: Any) -> str:
    return type(value).__name__


def float_dtype_of(value: Any) -> torch.dtype | None:
    """Return the dtype of a floating-point tensor, ``None`` for anything else."""
    if isinstance(value, torch.Tensor) and value.is_floating_point():
        return value.dtype
    return None


def as_float_tensor(value: Any, name: str, dtype: torch.dtype | None = None) -> torch.Tensor:
    """Return ``value`` as a floating-point tensor, or raise a clear error.

    Lists, tuples and numbers become tensors of ``dtype`` (by default torch's
    default float dtype), so that a Python float used with float64 data is not
    first rounded to float32. Integer tensors become tensors of ``dtype`` too;
    floating tensors keep their dtype.
    """
    dtype = dtype or torch.get_default_dtype()
    if isinstance(value, torch.Tensor):
        tensor = value
    elif isinstance(value, (list, tuple, numbers.Real)) and not isinstance(value, bool):
        try:
            tensor = torch.as_tensor(value, dtype=dtype)
        except (TypeError, ValueError, RuntimeError):
            raise TypeError(
                f"{name} must be a tensor or a (nested) list of numbers; "
                f"got a {_type_name(value)} that torch cannot read as numbers"
            ) from None
    else:
        raise TypeError(f"{name} must be a tensor or a list of numbers; got {_type_name(value)}")
    if tensor.dtype == torch.bool or tensor.is_complex():
        raise TypeError(f"{name} must hold real numbers; got a tensor of dtype {tensor.dtype}")
    if not tensor.is_floating_point():
        tensor = tensor.to(dtype)
    return tensor


def check_finite(tensor: torch.Tensor, name: str) -> None:
    """Refuse NaN and infinite values."""
    if not bool(torch.isfinite(tensor.detach()).all()):
        raise ValueError(f"{name} must contain only finite numbers; found NaN or infinity")


def inputs(x: Any, dtype: torch.dtype | None = None) -> torch.Tensor:
    """Check the inputs alone: shape (m,) or (m, 1), non-empty, finite, float."""
    x = as_float_tensor(x, "x", dtype)
    if x.dim() not in (1, 2) or (x.dim() == 2 and x.shape[1] != 1):
        raise ValueError(
            f"x must have shape (m,) or (m, 1), one feature per sample; got {tuple(x.shape)}"
        )
    if x.shape[0] == 0:
        raise ValueError(f"x must hold at least one sample; got shape {tuple(x.shape)}")
    check_finite(x, "x")
    return x


def data(x: Any, y: Any) -> tuple[torch.Tensor, torch.Tensor]:
    """Check a data set: equal shapes (m,) or (m, 1), non-empty, finite, float.

    A list given with a float tensor is read at that tensor's dtype.
    """
    x = inputs(x, float_dtype_of(y))
    y = as_float_tensor(y, "y", x.dtype)
    if y.shape != x.shape:
        raise ValueError(f"y must have the same shape as x, {tuple(x.shape)}; got {tuple(y.shape)}")
    check_finite(y, "y")
    dtype = torch.promote_types(x.dtype, y.dtype)
    return x.to(dtype), y.to(dtype)


def several_inputs(x: Any, dtype: torch.dtype | None = None) -> torch.Tensor:
    """Check inputs that may hold several per sample: shape (m,) or (m, n), non-empty, finite.

    Shapes (m,) and (m, 1) are one input and are checked (and returned) as by ``inputs``.
    """
    x = as_float_tensor(x, "x", dtype)
    if x.dim() == 2 and x.shape[1] == 0:
        raise ValueError(
            f"x must hold at least one input per sample (shape (m, n) with n >= 1); "
            f"got {tuple(x.shape)}"
        )
    if x.dim() not in (1, 2):
        raise ValueError(
            f"x must have shape (m,) or (m, 1) for one input, or (m, n) for n inputs per "
            f"sample; got {tuple(x.shape)}"
        )
    if x.dim() == 1 or x.shape[1] == 1:
        return inputs(x, dtype)
    if x.shape[0] == 0:
        raise ValueError(f"x must hold at least one sample; got shape {tuple(x.shape)}")
    check_finite(x, "x")
    return x


def descent_data(x: Any, y: Any) -> tuple[torch.Tensor, torch.Tensor]:
    """Check a data set with one input or several: x (m,), (m, 1) or (m, n); y to match.

    One input is checked as by ``data`` (y with the shape of x). With n > 1 inputs, y must
    have shape (m,) or (m, 1) and is returned flattened to (m,), one target per sample.
    """
    x = several_inputs(x, float_dtype_of(y))
    if x.dim() == 1 or x.shape[1] == 1:
        return data(x, y)
    y = as_float_tensor(y, "y", x.dtype)
    m = x.shape[0]
    if y.shape not in ((m,), (m, 1)):
        raise ValueError(
            f"y must have shape ({m},) or ({m}, 1), one target for each of the {m} samples of "
            f"x {tuple(x.shape)}; got {tuple(y.shape)}"
        )
    check_finite(y, "y")
    dtype = torch.promote_types(x.dtype, y.dtype)
    return x.to(dtype), y.reshape(m).to(dtype)


def start_weights(value: Any, n: int, name: str = "w0") -> float | tuple[float, ...]:
    """Check a starting weight: a number (every weight starts there) or a sequence of ``n``.

    Returns a float for a number (or a sequence of one number when ``n == 1``), otherwise a
    tuple of ``n`` floats.
    """
    if isinstance(value, torch.Tensor) and value.dim() > 0 and value.numel() != 1:
        value = value.flatten().tolist()
    if isinstance(value, (list, tuple)):
        if len(value) != n:
            numbers_, inputs_ = ("number", "input") if n == 1 else ("numbers", "inputs")
            raise ValueError(
                f"{name} must be a number or a sequence of {n} {numbers_}, one per input (x has "
                f"{n} {inputs_}); got a sequence of {len(value)}"
            )
        numbers_ = tuple(number(item, f"{name}[{i}]") for i, item in enumerate(value))
        return numbers_[0] if n == 1 else numbers_
    return number(value, name)


def single_value(value: Any, name: str, dtype: torch.dtype | None = None) -> torch.Tensor:
    """Check a weight or bias: a number, or a tensor holding exactly one value.

    A number is read at ``dtype`` (pass the data's dtype).
    """
    tensor = as_float_tensor(value, name, dtype)
    if tensor.shape not in ((), (1,), (1, 1)):
        raise ValueError(
            f"{name} must hold a single value (a number, or a tensor of shape (), (1,) "
            f"or (1, 1)); got shape {tuple(tensor.shape)}"
        )
    check_finite(tensor, name)
    return tensor


def _one_value(value: Any) -> Any:
    """Return the value a one-element tensor holds, as a Python number; anything else as is."""
    if isinstance(value, torch.Tensor) and value.numel() == 1:
        return value.item()
    return value


def _real(value: Any, name: str, expected: str) -> float:
    """Return a real number (or a one-element tensor's value) as a float; otherwise raise a
    TypeError saying that ``name`` must be ``expected``, such as "a number in [0, 1)"."""
    value = _one_value(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {expected}; got {_type_name(value)}")
    return float(value)


def number(value: Any, name: str) -> float:
    """Check a plain finite number (or a one-element tensor) and return it as a float."""
    value = _real(value, name, "a number")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value}")
    return value


def learning_rate(lr: Any) -> float:
    """Check a learning rate: a finite number (or a one-element tensor) greater than 0."""
    lr = _real(lr, "lr", "a number greater than 0")
    if not math.isfinite(lr) or lr <= 0:
        raise ValueError(f"lr must be a finite number greater than 0; got {lr}")
    return lr


def _whole_number(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def whole_number(value: Any, name: str, minimum: int) -> int:
    """Check a whole number (not a bool) of at least ``minimum``."""
    if not _whole_number(value):
        raise TypeError(f"{name} must be a whole number ({minimum} or more); got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be {minimum} or more; got {value}")
    return int(value)


def epochs(value: Any) -> int:
    """Check a number of epochs: a whole number, 0 or more."""
    return whole_number(value, "epochs", minimum=0)


def reduction(value: Any) -> str:
    """Check the gradient's reduction: 'mean' or 'sum'."""
    if value not in REDUCTIONS:
        valid = ", ".join(repr(r) for r in REDUCTIONS)
        raise ValueError(f"reduction must be one of {valid}; got {value!r}")
    return value


def optional_number(value: Any, name: str) -> float | None:
    """Check a number that may be left out: ``None``, or what ``number`` accepts."""
    return None if value is None else number(value, name)


def batch_size(value: Any, m: int) -> int | None:
    """Check a mini-batch size: ``None`` (full batches) or a whole number from 1 to ``m``."""
    if value is None:
        return None
    if not _whole_number(value):
        raise TypeError(
            f"batch_size must be a whole number from 1 to the number of samples ({m}), "
            f"or None for full batches; got {value!r}"
        )
    if not 1 <= value <= m:
        raise ValueError(f"batch_size must be from 1 to the number of samples ({m}); got {value}")
    return int(value)


def seed(value: Any) -> int:
    """Check a seed for ``torch.Generator().manual_seed``: a whole number from 0 to 2**64 - 1."""
    if not _whole_number(value):
        raise TypeError(f"seed must be a whole number; got {value!r}")
    if not 0 <= value < 2**64:
        raise ValueError(f"seed must be from 0 to 2**64 - 1; got {value}")
    return int(value)


def fraction(value: Any, name: str) -> float:
    """Check a decay rate such as ``momentum`` or a beta: a number in [0, 1)."""
    value = _real(value, name, "a number in [0, 1)")
    if not 0 <= value < 1:
        raise ValueError(f"{name} must be in [0, 1); got {value}")
    return value


def nesterov(value: Any, momentum: float) -> bool:
    """Check ``nesterov``: True or False, and True only with a momentum above 0."""
    if not isinstance(value, bool):
        raise TypeError(f"nesterov must be True or False; got {value!r}")
    if value and momentum == 0:
        raise ValueError(f"nesterov=True needs a momentum above 0; got momentum={momentum}")
    return value


def betas(value: Any) -> tuple[float, float]:
    """Check Adam's ``betas``: a pair of numbers, each in [0, 1)."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise TypeError(f"betas must be a pair (beta1, beta2) of numbers in [0, 1); got {value!r}")
    return fraction(value[0], "betas[0]"), fraction(value[1], "betas[1]")


def eps(value: Any) -> float:
    """Check Adam's ``eps``: a finite number greater than 0."""
    value = number(value, "eps")
    if value <= 0:
        raise ValueError(f"eps must be greater than 0; got {value:g}")
    return value


def schedule(value: Any) -> Any:
    """Check a learning-rate schedule: ``None``, or a function from the epoch to a factor."""
    if value is not None and not callable(value):
        raise TypeError(
            f"schedule must be None or a function from the epoch (counted from 0) to a factor "
            f"of lr, such as step_schedule(10); got {_type_name(value)}"
        )
    return value


def schedule_factor(value: Any, epoch: int) -> float:
    """Check the factor a schedule returned for ``epoch``: a finite number, 0 or more."""
    value = _one_value(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"schedule({epoch}) must return a number, the factor of lr at epoch {epoch}; "
            f"got {_type_name(value)}"
        )
    value = float(value)
    if not math.isfinite(value) or value < 0:
        raise ValueError(
            f"schedule({epoch}) returned {value}: the factor of lr at epoch {epoch} must be a "
            f"finite number, 0 or more"
        )
    return value
