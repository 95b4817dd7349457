"""Every bad input to the public functions is refused with a message that names the argument.

The checks live in gd_tutorial._checks; they are tested here through the public functions a
learner calls, each message matched in full.
"""

from __future__ import annotations

import functools
import re

import pytest
import torch

from gd_tutorial import (
    adagrad_descent,
    adam_descent,
    closed_form_weight,
    cost_curve,
    curvature,
    curvatures,
    gradient_descent,
    hypothesis,
    max_stable_lr,
    momentum_descent,
    mse,
    mse_gradient,
    noisy_data,
    rmsprop_descent,
    toy_data,
    train_with_optimizer,
)
from gd_tutorial._checks import as_float_tensor

NAN, INF = float("nan"), float("inf")

# Every public function that takes a data set (x, y), called with valid other arguments.
# The functions that take data with several inputs, x of shape (m, n), as well as one.
SEVERAL_INPUT_FUNCTIONS = {
    "gradient_descent": functools.partial(gradient_descent, lr=0.1, epochs=2),
    "momentum_descent": functools.partial(momentum_descent, lr=0.1, epochs=2),
    "adam_descent": functools.partial(adam_descent, lr=0.1, epochs=2),
    "adagrad_descent": functools.partial(adagrad_descent, lr=0.1, epochs=2),
    "rmsprop_descent": functools.partial(rmsprop_descent, lr=0.1, epochs=2),
    "train_with_optimizer": functools.partial(train_with_optimizer, lr=0.1, epochs=2),
    "closed_form_weight": closed_form_weight,
}
ONE_INPUT_FUNCTIONS = {
    "mse_gradient": functools.partial(mse_gradient, 0.5),
    "cost_curve": functools.partial(cost_curve, [0.0, 1.0]),
}
DATA_FUNCTIONS = {**SEVERAL_INPUT_FUNCTIONS, **ONE_INPUT_FUNCTIONS}
# Every public function that takes a learning rate, a number of epochs, a starting weight and
# bias, a batch size and a seed.
TRAINERS = {
    "gradient_descent": gradient_descent,
    "momentum_descent": momentum_descent,
    "adam_descent": adam_descent,
    "adagrad_descent": adagrad_descent,
    "rmsprop_descent": rmsprop_descent,
    "train_with_optimizer": train_with_optimizer,
}


def refuses(error: type[Exception], message: str):
    """``pytest.raises`` matching the whole message literally."""
    return pytest.raises(error, match=f"^{re.escape(message)}$")


def column(*values: float) -> torch.Tensor:
    return torch.tensor(values).reshape(-1, 1)


# --- data sets ------------------------------------------------------------------------------

ONE_INPUT_SHAPES = [
    pytest.param(
        torch.ones(3, 2),
        torch.ones(3, 2),
        ValueError,
        "x must have shape (m,) or (m, 1), one feature per sample; got (3, 2)",
        id="x with two features",
    ),
    pytest.param(
        torch.ones(2, 3, 1),
        torch.ones(2, 3, 1),
        ValueError,
        "x must have shape (m,) or (m, 1), one feature per sample; got (2, 3, 1)",
        id="3-D x",
    ),
    pytest.param(
        torch.tensor(1.0),
        torch.tensor(1.0),
        ValueError,
        "x must have shape (m,) or (m, 1), one feature per sample; got ()",
        id="0-d x",
    ),
    pytest.param(
        5,
        5,
        ValueError,
        "x must have shape (m,) or (m, 1), one feature per sample; got ()",
        id="numbers as data",
    ),
]
SHAPES = "x must have shape (m,) or (m, 1) for one input, or (m, n) for n inputs per sample; got"
SEVERAL_INPUT_SHAPES = [
    pytest.param(
        torch.ones(3, 2),
        torch.ones(3, 2),
        ValueError,
        "y must have shape (3,) or (3, 1), one target for each of the 3 samples of x (3, 2); "
        "got (3, 2)",
        id="y with two columns",
    ),
    pytest.param(
        torch.ones(3, 2),
        torch.ones(4),
        ValueError,
        "y must have shape (3,) or (3, 1), one target for each of the 3 samples of x (3, 2); "
        "got (4,)",
        id="y of another length",
    ),
    pytest.param(
        torch.ones(3, 0),
        torch.ones(3),
        ValueError,
        "x must hold at least one input per sample (shape (m, n) with n >= 1); got (3, 0)",
        id="x with no inputs",
    ),
    pytest.param(
        torch.ones(0, 2),
        torch.ones(0),
        ValueError,
        "x must hold at least one sample; got shape (0, 2)",
        id="no samples of two inputs",
    ),
    pytest.param(
        torch.ones(3, 2).index_put((torch.tensor([1]),), torch.tensor(NAN)),
        torch.ones(3),
        ValueError,
        "x must contain only finite numbers; found NaN or infinity",
        id="NaN in x of two inputs",
    ),
    pytest.param(
        torch.ones(2, 3, 1), torch.ones(2, 3, 1), ValueError, f"{SHAPES} (2, 3, 1)", id="3-D x"
    ),
    pytest.param(torch.tensor(1.0), torch.tensor(1.0), ValueError, f"{SHAPES} ()", id="0-d x"),
    pytest.param(5, 5, ValueError, f"{SHAPES} ()", id="numbers as data"),
]
BAD_DATA = [
    pytest.param(
        torch.ones(3, 1),
        torch.ones(3),
        ValueError,
        "y must have the same shape as x, (3, 1); got (3,)",
        id="column x, flat y",
    ),
    pytest.param(
        torch.ones(3),
        torch.ones(3, 1),
        ValueError,
        "y must have the same shape as x, (3,); got (3, 1)",
        id="flat x, column y",
    ),
    pytest.param(
        torch.ones(3, 1),
        torch.ones(4, 1),
        ValueError,
        "y must have the same shape as x, (3, 1); got (4, 1)",
        id="different lengths",
    ),
    pytest.param(
        torch.ones(0, 1),
        torch.ones(0, 1),
        ValueError,
        "x must hold at least one sample; got shape (0, 1)",
        id="empty tensors",
    ),
    pytest.param(
        [], [], ValueError, "x must hold at least one sample; got shape (0,)", id="empty lists"
    ),
    pytest.param(
        column(1.0, NAN, 3.0),
        column(1.0, 2.0, 3.0),
        ValueError,
        "x must contain only finite numbers; found NaN or infinity",
        id="NaN in x",
    ),
    pytest.param(
        column(1.0, INF, 3.0),
        column(1.0, 2.0, 3.0),
        ValueError,
        "x must contain only finite numbers; found NaN or infinity",
        id="inf in x",
    ),
    pytest.param(
        column(1.0, 2.0, 3.0),
        column(NAN, 2.0, 3.0),
        ValueError,
        "y must contain only finite numbers; found NaN or infinity",
        id="NaN in y",
    ),
    pytest.param(
        column(1.0, 2.0, 3.0),
        column(1.0, 2.0, -INF),
        ValueError,
        "y must contain only finite numbers; found NaN or infinity",
        id="-inf in y",
    ),
    pytest.param(
        "1, 2, 3",
        column(1.0, 2.0, 3.0),
        TypeError,
        "x must be a tensor or a list of numbers; got str",
        id="string x",
    ),
    pytest.param(
        column(1.0, 2.0, 3.0),
        {"y": [1, 2, 3]},
        TypeError,
        "y must be a tensor or a list of numbers; got dict",
        id="dict y",
    ),
    pytest.param(
        None,
        column(1.0, 2.0, 3.0),
        TypeError,
        "x must be a tensor or a list of numbers; got NoneType",
        id="None x",
    ),
    pytest.param(
        True,
        True,
        TypeError,
        "x must be a tensor or a list of numbers; got bool",
        id="bool x",
    ),
    pytest.param(
        ["1", "2", "3"],
        column(1.0, 2.0, 3.0),
        TypeError,
        "x must be a tensor or a (nested) list of numbers; "
        "got a list that torch cannot read as numbers",
        id="list of strings",
    ),
    pytest.param(
        [[1.0], [2.0, 3.0]],
        column(1.0, 2.0, 3.0),
        TypeError,
        "x must be a tensor or a (nested) list of numbers; "
        "got a list that torch cannot read as numbers",
        id="ragged list",
    ),
    pytest.param(
        torch.tensor([[True], [False], [True]]),
        column(1.0, 2.0, 3.0),
        TypeError,
        "x must hold real numbers; got a tensor of dtype torch.bool",
        id="bool tensor x",
    ),
    pytest.param(
        column(1.0, 2.0, 3.0),
        torch.ones(3, 1, dtype=torch.complex64),
        TypeError,
        "y must hold real numbers; got a tensor of dtype torch.complex64",
        id="complex tensor y",
    ),
]


@pytest.mark.parametrize("function", DATA_FUNCTIONS.values(), ids=DATA_FUNCTIONS.keys())
@pytest.mark.parametrize(("x", "y", "error", "message"), BAD_DATA)
def test_every_data_function_refuses_bad_data_with_a_message_naming_x_or_y(
    function, x, y, error, message
):
    with refuses(error, message):
        function(x, y)


@pytest.mark.parametrize("function", ONE_INPUT_FUNCTIONS.values(), ids=ONE_INPUT_FUNCTIONS.keys())
@pytest.mark.parametrize(("x", "y", "error", "message"), ONE_INPUT_SHAPES)
def test_a_one_input_function_refuses_other_shapes_saying_it_takes_one_feature(
    function, x, y, error, message
):
    with refuses(error, message):
        function(x, y)


@pytest.mark.parametrize(
    "function", SEVERAL_INPUT_FUNCTIONS.values(), ids=SEVERAL_INPUT_FUNCTIONS.keys()
)
@pytest.mark.parametrize(("x", "y", "error", "message"), SEVERAL_INPUT_SHAPES)
def test_a_several_input_function_refuses_bad_shapes_naming_x_or_y(function, x, y, error, message):
    with refuses(error, message):
        function(x, y)


@pytest.mark.parametrize("train", TRAINERS.values(), ids=TRAINERS.keys())
@pytest.mark.parametrize(
    ("w0", "error", "message"),
    [
        (
            [1.0, 2.0],
            ValueError,
            "w0 must be a number or a sequence of 3 numbers, one per input (x has 3 inputs); "
            "got a sequence of 2",
        ),
        (
            torch.zeros(4),
            ValueError,
            "w0 must be a number or a sequence of 3 numbers, one per input (x has 3 inputs); "
            "got a sequence of 4",
        ),
        ([1.0, "2", 3.0], TypeError, "w0[1] must be a number; got str"),
        ([1.0, NAN, 3.0], ValueError, "w0[1] must be a finite number; got nan"),
        ("0", TypeError, "w0 must be a number; got str"),
    ],
)
def test_a_descent_refuses_a_w0_that_is_not_one_number_per_input(train, w0, error, message):
    with refuses(error, message):
        train(torch.ones(4, 3), torch.ones(4), lr=0.1, epochs=1, w0=w0)


@pytest.mark.parametrize("train", TRAINERS.values(), ids=TRAINERS.keys())
def test_a_descent_with_one_input_refuses_two_starting_weights_and_a_bias_of_two(train):
    message = (
        "w0 must be a number or a sequence of 1 number, one per input (x has 1 input); "
        "got a sequence of 2"
    )
    with refuses(ValueError, message):
        train(torch.ones(4, 1), torch.ones(4, 1), lr=0.1, epochs=1, w0=[1.0, 2.0])
    with refuses(ValueError, message):
        train(torch.ones(4, 1), torch.ones(4, 1), lr=0.1, epochs=1, w0=torch.zeros(2))
    with refuses(TypeError, "b0 must be a number; got Tensor"):
        train(torch.ones(4, 1), torch.ones(4, 1), lr=0.1, epochs=1, b0=torch.zeros(2))


def test_curvature_of_one_weight_refuses_x_with_two_features():
    message = "x must have shape (m,) or (m, 1), one feature per sample; got (3, 2)"
    with refuses(ValueError, message):
        curvature(torch.ones(3, 2))


@pytest.mark.parametrize("function", [curvatures, max_stable_lr])
def test_curvatures_and_max_stable_lr_refuse_x_with_no_inputs_or_3_dimensions(function):
    message = "x must hold at least one input per sample (shape (m, n) with n >= 1); got (3, 0)"
    with refuses(ValueError, message):
        function(torch.ones(3, 0))
    with refuses(ValueError, f"{SHAPES} (3, 2, 1)"):
        function(torch.ones(3, 2, 1))


@pytest.mark.parametrize("function", [curvature, curvatures, max_stable_lr])
@pytest.mark.parametrize(
    ("x", "error", "message"),
    [
        (torch.ones(0), ValueError, "x must hold at least one sample; got shape (0,)"),
        (column(1.0, NAN), ValueError, "x must contain only finite numbers; found NaN or infinity"),
        ("x", TypeError, "x must be a tensor or a list of numbers; got str"),
        (
            torch.ones(3, dtype=torch.bool),
            TypeError,
            "x must hold real numbers; got a tensor of dtype torch.bool",
        ),
    ],
)
def test_curvature_curvatures_and_max_stable_lr_refuse_bad_x(function, x, error, message):
    with refuses(error, message):
        function(x)


def test_hypothesis_refuses_x_with_two_features():
    with refuses(ValueError, "x must have shape (m,) or (m, 1); got (3, 2)"):
        hypothesis(torch.ones(3, 2), 1.0)


def test_hypothesis_refuses_complex_x():
    message = "x must hold real numbers; got a tensor of dtype torch.complex64"
    with refuses(TypeError, message):
        hypothesis(torch.ones(3, dtype=torch.complex64), 1.0)


# --- mse ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prediction", "target", "shapes"),
    [
        (torch.ones(3), torch.ones(3, 1), "(3,) and (3, 1)"),
        (torch.ones(3, 1), torch.ones(3), "(3, 1) and (3,)"),
        (torch.ones(3), torch.ones(1), "(3,) and (1,)"),
        (torch.ones(3), torch.tensor(1.0), "(3,) and ()"),
    ],
)
def test_mse_refuses_unequal_shapes_instead_of_broadcasting(prediction, target, shapes):
    message = (
        f"prediction and target must have the same shape; got {shapes} "
        "(unequal shapes would broadcast and give a wrong cost)"
    )
    with refuses(ValueError, message):
        mse(prediction, target)


@pytest.mark.parametrize(
    ("prediction", "target", "message"),
    [
        ("abc", torch.ones(3), "prediction must be a tensor or a list of numbers; got str"),
        (torch.ones(3), {"a": 1}, "target must be a tensor or a list of numbers; got dict"),
        (
            torch.ones(3, dtype=torch.bool),
            torch.ones(3),
            "prediction must hold real numbers; got a tensor of dtype torch.bool",
        ),
        (
            torch.ones(3),
            torch.ones(3, dtype=torch.complex128),
            "target must hold real numbers; got a tensor of dtype torch.complex128",
        ),
    ],
)
def test_mse_refuses_non_numeric_arguments(prediction, target, message):
    with refuses(TypeError, message):
        mse(prediction, target)


# --- weights --------------------------------------------------------------------------------

SINGLE_VALUE = "must hold a single value (a number, or a tensor of shape (), (1,) or (1, 1))"


@pytest.mark.parametrize(
    ("W", "shape"), [(torch.ones(3), "(3,)"), (torch.ones(3, 1), "(3, 1)"), ([1.0, 2.0], "(2,)")]
)
def test_mse_gradient_and_hypothesis_refuse_a_w_of_several_values(W, shape):
    x, y = toy_data()
    message = f"W {SINGLE_VALUE}; got shape {shape}"
    with refuses(ValueError, message):
        mse_gradient(W, x, y)
    with refuses(ValueError, message):
        hypothesis(x, W)


def test_hypothesis_refuses_a_bias_of_several_values():
    x, _ = toy_data()
    with refuses(ValueError, f"b {SINGLE_VALUE}; got shape (3,)"):
        hypothesis(x, 1.0, b=torch.zeros(3))


@pytest.mark.parametrize(
    ("W", "error", "message"),
    [
        (NAN, ValueError, "W must contain only finite numbers; found NaN or infinity"),
        (
            torch.tensor([INF]),
            ValueError,
            "W must contain only finite numbers; found NaN or infinity",
        ),
        ("1.0", TypeError, "W must be a tensor or a list of numbers; got str"),
        (True, TypeError, "W must be a tensor or a list of numbers; got bool"),
        (
            torch.tensor(1 + 1j),
            TypeError,
            "W must hold real numbers; got a tensor of dtype torch.complex64",
        ),
    ],
)
def test_mse_gradient_refuses_a_non_finite_or_non_numeric_w(W, error, message):
    x, y = toy_data()
    with refuses(error, message):
        mse_gradient(W, x, y)


# --- reduction ------------------------------------------------------------------------------


@pytest.mark.parametrize("reduction", ["total", "MEAN", None, 2])
def test_an_unknown_reduction_is_refused_listing_mean_and_sum(reduction):
    x, y = toy_data()
    message = f"reduction must be one of 'mean', 'sum'; got {reduction!r}"
    with refuses(ValueError, message):
        mse_gradient(0.0, x, y, reduction=reduction)
    with refuses(ValueError, message):
        gradient_descent(x, y, lr=0.1, epochs=1, reduction=reduction)
    with refuses(ValueError, message):
        curvature(x, reduction=reduction)
    with refuses(ValueError, message):
        max_stable_lr(x, reduction=reduction)
    with refuses(ValueError, message):
        curvatures(x, reduction=reduction)


# --- learning rate, epochs, starting weight -------------------------------------------------


@pytest.mark.parametrize("train", TRAINERS.values(), ids=TRAINERS.keys())
@pytest.mark.parametrize(
    ("lr", "error", "message"),
    [
        (0, ValueError, "lr must be a finite number greater than 0; got 0.0"),
        (0.0, ValueError, "lr must be a finite number greater than 0; got 0.0"),
        (-0.1, ValueError, "lr must be a finite number greater than 0; got -0.1"),
        (INF, ValueError, "lr must be a finite number greater than 0; got inf"),
        (NAN, ValueError, "lr must be a finite number greater than 0; got nan"),
        ("0.1", TypeError, "lr must be a number greater than 0; got str"),
        (True, TypeError, "lr must be a number greater than 0; got bool"),
        (None, TypeError, "lr must be a number greater than 0; got NoneType"),
        (torch.tensor(0.0), ValueError, "lr must be a finite number greater than 0; got 0.0"),
        (
            torch.tensor([-0.5]),
            ValueError,
            "lr must be a finite number greater than 0; got -0.5",
        ),
        (torch.tensor(NAN), ValueError, "lr must be a finite number greater than 0; got nan"),
        (torch.tensor(True), TypeError, "lr must be a number greater than 0; got bool"),
        (torch.tensor(0.1j), TypeError, "lr must be a number greater than 0; got complex"),
        (torch.full((2,), 0.1), TypeError, "lr must be a number greater than 0; got Tensor"),
        (torch.ones(0), TypeError, "lr must be a number greater than 0; got Tensor"),
    ],
)
def test_a_learning_rate_that_is_not_a_finite_positive_number_is_refused(train, lr, error, message):
    x, y = toy_data()
    with refuses(error, message):
        train(x, y, lr=lr, epochs=1)


@pytest.mark.parametrize("train", TRAINERS.values(), ids=TRAINERS.keys())
@pytest.mark.parametrize(
    ("epochs", "error", "message"),
    [
        (-1, ValueError, "epochs must be 0 or more; got -1"),
        (2.5, TypeError, "epochs must be a whole number (0 or more); got 2.5"),
        (10.0, TypeError, "epochs must be a whole number (0 or more); got 10.0"),
        (True, TypeError, "epochs must be a whole number (0 or more); got True"),
        ("10", TypeError, "epochs must be a whole number (0 or more); got '10'"),
    ],
)
def test_epochs_that_are_not_a_whole_number_0_or_more_are_refused(train, epochs, error, message):
    x, y = toy_data()
    with refuses(error, message):
        train(x, y, lr=0.1, epochs=epochs)


@pytest.mark.parametrize("train", TRAINERS.values(), ids=TRAINERS.keys())
@pytest.mark.parametrize("name", ["w0", "b0"])
@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (NAN, ValueError, "{} must be a finite number; got nan"),
        (-INF, ValueError, "{} must be a finite number; got -inf"),
        ("0", TypeError, "{} must be a number; got str"),
        (False, TypeError, "{} must be a number; got bool"),
    ],
)
def test_a_starting_weight_or_bias_that_is_not_a_finite_number_is_refused(
    train, name, value, error, message
):
    x, y = toy_data()
    with refuses(error, message.format(name)):
        train(x, y, lr=0.1, epochs=1, **{name: value})


@pytest.mark.parametrize("train", TRAINERS.values(), ids=TRAINERS.keys())
@pytest.mark.parametrize("name", ["w0", "b0"])
def test_a_one_value_tensor_and_an_int_are_accepted_as_w0_and_b0(train, name):
    x, y = toy_data()
    expected = train(x, y, lr=0.1, epochs=3, **{name: 2.0})
    assert train(x, y, lr=0.1, epochs=3, **{name: torch.tensor([2.0])}) == expected
    assert train(x, y, lr=0.1, epochs=3, **{name: 2}) == expected
    assert type(getattr(expected, name)) is float


@pytest.mark.parametrize("train", TRAINERS.values(), ids=TRAINERS.keys())
@pytest.mark.parametrize(
    "lr",
    [
        torch.tensor(0.1, dtype=torch.float64),
        torch.tensor([0.1], dtype=torch.float64),
        torch.tensor([[0.1]], dtype=torch.float64),
    ],
    ids=["()", "(1,)", "(1, 1)"],
)
def test_a_one_value_tensor_is_accepted_as_lr_and_gives_the_run_of_its_float(train, lr):
    x, y = toy_data()
    history = train(x, y, lr=lr, epochs=10)
    assert history == train(x, y, lr=0.1, epochs=10)
    assert type(history.lr) is float


@pytest.mark.parametrize("train", TRAINERS.values(), ids=TRAINERS.keys())
def test_a_float32_tensor_lr_gives_the_run_of_the_float_it_holds(train):
    x, y = toy_data()
    lr = torch.tensor(0.1)  # float32: it holds the float32 number nearest 0.1
    history = train(x, y, lr=lr, epochs=10)
    assert history == train(x, y, lr=lr.item(), epochs=10)
    assert history.lr == lr.item()
    assert f"{history.lr:g}" == "0.1"


# --- mini-batches: batch size and seed ------------------------------------------------------


@pytest.mark.parametrize("train", TRAINERS.values(), ids=TRAINERS.keys())
@pytest.mark.parametrize(
    ("batch_size", "error", "message"),
    [
        (0, ValueError, "batch_size must be from 1 to the number of samples (3); got 0"),
        (-1, ValueError, "batch_size must be from 1 to the number of samples (3); got -1"),
        (4, ValueError, "batch_size must be from 1 to the number of samples (3); got 4"),
        (
            2.0,
            TypeError,
            "batch_size must be a whole number from 1 to the number of samples (3), "
            "or None for full batches; got 2.0",
        ),
        (
            True,
            TypeError,
            "batch_size must be a whole number from 1 to the number of samples (3), "
            "or None for full batches; got True",
        ),
        (
            "2",
            TypeError,
            "batch_size must be a whole number from 1 to the number of samples (3), "
            "or None for full batches; got '2'",
        ),
    ],
)
def test_a_batch_size_that_is_not_from_1_to_the_number_of_samples_is_refused(
    train, batch_size, error, message
):
    x, y = toy_data()
    with refuses(error, message):
        train(x, y, lr=0.1, epochs=1, batch_size=batch_size)


@pytest.mark.parametrize("train", TRAINERS.values(), ids=TRAINERS.keys())
@pytest.mark.parametrize(
    ("seed", "error", "message"),
    [
        (-1, ValueError, "seed must be from 0 to 2**64 - 1; got -1"),
        (2**64, ValueError, f"seed must be from 0 to 2**64 - 1; got {2**64}"),
        (1.5, TypeError, "seed must be a whole number; got 1.5"),
        (None, TypeError, "seed must be a whole number; got None"),
        (True, TypeError, "seed must be a whole number; got True"),
    ],
)
def test_a_seed_that_is_not_a_whole_number_torch_accepts_is_refused(train, seed, error, message):
    x, y = toy_data()
    with refuses(error, message):
        train(x, y, lr=0.1, epochs=1, batch_size=2, seed=seed)


# --- momentum, Nesterov, Adam's betas and eps -----------------------------------------------


@pytest.mark.parametrize(
    ("momentum", "error", "message"),
    [
        (1.0, ValueError, "momentum must be in [0, 1); got 1.0"),
        (1, ValueError, "momentum must be in [0, 1); got 1.0"),
        (-0.1, ValueError, "momentum must be in [0, 1); got -0.1"),
        (NAN, ValueError, "momentum must be in [0, 1); got nan"),
        ("0.9", TypeError, "momentum must be a number in [0, 1); got str"),
        (None, TypeError, "momentum must be a number in [0, 1); got NoneType"),
    ],
)
def test_a_momentum_outside_0_to_1_is_refused(momentum, error, message):
    x, y = toy_data()
    with refuses(error, message):
        momentum_descent(x, y, lr=0.1, epochs=1, momentum=momentum)


@pytest.mark.parametrize(
    ("nesterov", "momentum", "error", "message"),
    [
        (True, 0.0, ValueError, "nesterov=True needs a momentum above 0; got momentum=0.0"),
        (True, 0, ValueError, "nesterov=True needs a momentum above 0; got momentum=0.0"),
        (1, 0.9, TypeError, "nesterov must be True or False; got 1"),
        ("yes", 0.9, TypeError, "nesterov must be True or False; got 'yes'"),
    ],
)
def test_nesterov_without_momentum_or_not_a_bool_is_refused(nesterov, momentum, error, message):
    x, y = toy_data()
    with refuses(error, message):
        momentum_descent(x, y, lr=0.1, epochs=1, momentum=momentum, nesterov=nesterov)


@pytest.mark.parametrize(
    ("betas", "error", "message"),
    [
        ((1.0, 0.999), ValueError, "betas[0] must be in [0, 1); got 1.0"),
        ((-0.1, 0.999), ValueError, "betas[0] must be in [0, 1); got -0.1"),
        ((0.9, 1.0), ValueError, "betas[1] must be in [0, 1); got 1.0"),
        ((0.9, "0.999"), TypeError, "betas[1] must be a number in [0, 1); got str"),
        (0.9, TypeError, "betas must be a pair (beta1, beta2) of numbers in [0, 1); got 0.9"),
        (
            (0.9, 0.99, 0.999),
            TypeError,
            "betas must be a pair (beta1, beta2) of numbers in [0, 1); got (0.9, 0.99, 0.999)",
        ),
    ],
)
def test_betas_that_are_not_a_pair_in_0_to_1_are_refused(betas, error, message):
    x, y = toy_data()
    with refuses(error, message):
        adam_descent(x, y, lr=0.1, epochs=1, betas=betas)


@pytest.mark.parametrize(
    ("eps", "error", "message"),
    [
        (0, ValueError, "eps must be greater than 0; got 0"),
        (-1e-8, ValueError, "eps must be greater than 0; got -1e-08"),
        (INF, ValueError, "eps must be a finite number; got inf"),
        ("1e-8", TypeError, "eps must be a number; got str"),
    ],
)
def test_an_eps_that_is_not_a_finite_positive_number_is_refused(eps, error, message):
    x, y = toy_data()
    with refuses(error, message):
        adam_descent(x, y, lr=0.1, epochs=1, eps=eps)


def test_max_stable_lr_refuses_a_bias_flag_that_is_not_a_bool():
    x, _ = toy_data()
    with refuses(TypeError, "bias must be True or False; got 1"):
        max_stable_lr(x, bias=1)


# --- optimizer ------------------------------------------------------------------------------


def test_an_optimizer_argument_that_is_not_callable_is_refused():
    x, y = toy_data()
    message = "optimizer must be a torch.optim optimizer class such as torch.optim.SGD; got int"
    with refuses(TypeError, message):
        train_with_optimizer(x, y, lr=0.1, epochs=1, optimizer=42)


@pytest.mark.parametrize("cls", [dict, list, torch.Tensor])
def test_a_class_that_is_not_an_optimizer_is_refused(cls):
    x, y = toy_data()
    message = (
        "optimizer must be a torch.optim optimizer class such as torch.optim.SGD; "
        f"got the class {cls.__name__}, which is not a torch.optim.Optimizer"
    )
    with refuses(TypeError, message):
        train_with_optimizer(x, y, lr=0.1, epochs=1, optimizer=cls)


def test_a_callable_that_does_not_build_an_optimizer_is_refused():
    x, y = toy_data()
    message = (
        "optimizer must build a torch.optim.Optimizer (such as torch.optim.SGD); it built a list"
    )
    with refuses(TypeError, message):
        train_with_optimizer(x, y, lr=0.1, epochs=1, optimizer=lambda params, lr: list(params))


def test_a_callable_that_fails_to_build_an_optimizer_is_refused_with_its_reason():
    def broken(params, lr):
        raise TypeError("broken factory")

    x, y = toy_data()
    message = (
        "optimizer must build a torch.optim.Optimizer when called as optimizer([W], lr=...); "
        "the call failed: broken factory"
    )
    with refuses(TypeError, message):
        train_with_optimizer(x, y, lr=0.1, epochs=1, optimizer=broken)


def test_an_optimizer_that_refuses_its_settings_raises_its_own_value_error():
    x, y = toy_data()
    with pytest.raises(ValueError, match=re.escape("Invalid momentum value: -1")):
        train_with_optimizer(
            x, y, lr=0.1, epochs=1, optimizer=functools.partial(torch.optim.SGD, momentum=-1)
        )


# --- what is accepted and converted ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "dtype"),
    [
        ([1, 2, 3], torch.float32),
        ((1.0, 2.0, 3.0), torch.float32),
        (torch.tensor([1, 2, 3]), torch.float32),
        (torch.tensor([1, 2, 3], dtype=torch.int16), torch.float32),
        (torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64), torch.float64),
        (torch.tensor([1.0, 2.0, 3.0], dtype=torch.float16), torch.float16),
    ],
)
def test_lists_and_integer_tensors_become_float_and_float_tensors_keep_their_dtype(value, dtype):
    tensor = as_float_tensor(value, "x")
    assert tensor.dtype == dtype
    assert torch.equal(tensor, torch.tensor([1.0, 2.0, 3.0], dtype=dtype))


def test_a_float_tensor_is_returned_as_is_so_autograd_can_follow_it():
    W = torch.tensor(1.0, requires_grad=True)
    assert as_float_tensor(W, "W") is W


def test_a_list_is_read_at_the_dtype_asked_for():
    tensor = as_float_tensor([0.1], "x", torch.float64)
    assert tensor.dtype == torch.float64
    assert tensor.item() == 0.1


@pytest.mark.parametrize("x", [[1, 2, 3], torch.tensor([1, 2, 3])], ids=["list", "int tensor"])
def test_int_data_gives_the_results_of_float_data_in_every_function(x):
    x_float = torch.tensor([1.0, 2.0, 3.0])
    y = [2, 4, 7]
    y_float = torch.tensor([2.0, 4.0, 7.0])
    assert torch.equal(mse_gradient(0.5, x, y), mse_gradient(0.5, x_float, y_float))
    assert torch.equal(cost_curve([0, 1], x, y), cost_curve([0.0, 1.0], x_float, y_float))
    assert closed_form_weight(x, y) == closed_form_weight(x_float, y_float)
    assert curvature(x) == curvature(x_float)
    assert max_stable_lr(x, "sum") == max_stable_lr(x_float, "sum")
    assert torch.equal(hypothesis(x, 2), hypothesis(x_float, 2.0))
    assert torch.equal(mse(x, y), mse(x_float, y_float))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"m": 0}, ValueError, "m must be 1 or more; got 0"),
        ({"m": 2.0}, TypeError, "m must be a whole number (1 or more); got 2.0"),
        ({"m": True}, TypeError, "m must be a whole number (1 or more); got True"),
        ({"true_w": NAN}, ValueError, "true_w must be a finite number; got nan"),
        ({"true_w": "2"}, TypeError, "true_w must be a number; got str"),
        (
            {"noise": -0.5},
            ValueError,
            "noise is a standard deviation and must be 0 or more; got -0.5",
        ),
        ({"noise": INF}, ValueError, "noise must be a finite number; got inf"),
        ({"seed": -1}, ValueError, "seed must be 0 or more; got -1"),
        ({"seed": 1.5}, TypeError, "seed must be a whole number (0 or more); got 1.5"),
        ({"seed": None}, TypeError, "seed must be a whole number (0 or more); got None"),
    ],
)
def test_noisy_data_refuses_bad_settings_naming_the_argument(kwargs, error, message):
    with refuses(error, message):
        noisy_data(**kwargs)


# --- Adagrad and RMSprop ------------------------------------------------------------------------


@pytest.mark.parametrize("descent", [adagrad_descent, rmsprop_descent, adam_descent])
@pytest.mark.parametrize(
    ("eps", "error", "message"),
    [
        (0.0, ValueError, "eps must be greater than 0; got 0"),
        (-1e-8, ValueError, "eps must be greater than 0; got -1e-08"),
        (NAN, ValueError, "eps must be a finite number; got nan"),
        ("1e-8", TypeError, "eps must be a number; got str"),
    ],
)
def test_adagrad_rmsprop_and_adam_refuse_an_eps_that_is_not_positive(descent, eps, error, message):
    x, y = toy_data()
    with refuses(error, message):
        descent(x, y, lr=0.1, epochs=1, eps=eps)


@pytest.mark.parametrize(
    ("alpha", "error", "message"),
    [
        (1.0, ValueError, "alpha must be in [0, 1); got 1.0"),
        (-0.1, ValueError, "alpha must be in [0, 1); got -0.1"),
        (None, TypeError, "alpha must be a number in [0, 1); got NoneType"),
    ],
)
def test_rmsprop_refuses_an_alpha_outside_0_to_1(alpha, error, message):
    x, y = toy_data()
    with refuses(error, message):
        rmsprop_descent(x, y, lr=0.1, epochs=1, alpha=alpha)
