"""Tests for gd_tutorial.descent: the hand-written loops, the torch.optim loop and their histories.

torch.optim.SGD and the analytic law of a step on a parabola are the independent references;
the only hard-coded numbers are the course's published log.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import re
import warnings

import pytest
import torch
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gd_tutorial import (
    BiasHistory,
    DivergenceWarning,
    History,
    closed_form_weight,
    curvature,
    gradient_descent,
    gradient_descent_with_bias,
    hypothesis,
    max_stable_lr,
    mse,
    mse_gradient,
    toy_data,
    train_with_optimizer,
)

PROPERTY = settings(max_examples=100, deadline=None)
VALUES = st.floats(min_value=-10, max_value=10, allow_nan=False, allow_infinity=False)

COURSE_LOG = """\
Epoch    0/10 W: 0.000, Cost: 4.666667
Epoch    1/10 W: 1.400, Cost: 0.746666
Epoch    2/10 W: 0.840, Cost: 0.119467
Epoch    3/10 W: 1.064, Cost: 0.019115
Epoch    4/10 W: 0.974, Cost: 0.003058
Epoch    5/10 W: 1.010, Cost: 0.000489
Epoch    6/10 W: 0.996, Cost: 0.000078
Epoch    7/10 W: 1.002, Cost: 0.000013
Epoch    8/10 W: 0.999, Cost: 0.000002
Epoch    9/10 W: 1.000, Cost: 0.000000
Epoch   10/10 W: 1.000, Cost: 0.000000"""


@st.composite
def fitting_problems(draw: st.DrawFn) -> tuple[torch.Tensor, torch.Tensor, float, float]:
    """Float64 data (x, y) whose cost is not flat, a factor of the stable bound, and w0."""
    m = draw(st.integers(min_value=1, max_value=20))
    x = torch.tensor(draw(st.lists(VALUES, min_size=m, max_size=m)), dtype=torch.float64)
    y = torch.tensor(draw(st.lists(VALUES, min_size=m, max_size=m)), dtype=torch.float64)
    assume(float(torch.mean(x * x)) > 1e-2)
    factor = draw(st.floats(min_value=0.025, max_value=0.975))
    return x, y, factor, draw(VALUES)


def no_warnings(function, *args, **kwargs):
    """Call ``function``, failing the test if it issues any warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return function(*args, **kwargs)


def divergence_message(what: str, reduction: str, bound: float, lr: float) -> str:
    return (
        f"Diverged: {what}. For gradient descent on this data with reduction={reduction!r}, "
        f"lr must be below the stable bound {bound:.6f}; lr={lr:g} was used."
    )


def other_method_message(what: str, method: str, lr: float) -> str:
    """The divergence message of a run that was not plain gradient descent: no bound to name."""
    return (
        f"Diverged: {what}. This run used {method}. The stable bound 2/L holds for plain "
        f"gradient descent only, and this optimizer has no such simple bound, so try a smaller "
        f"lr; lr={lr:g} was used."
    )


def bias_message(what: str, bound: float, lr: float) -> str:
    return (
        f"Diverged: the cost {what}. With a bias, lr must be below {bound:.6f} on this data; "
        f"lr={lr:g} was used."
    )


def bias_bound(x: torch.Tensor) -> float:
    """2 / the largest eigenvalue of the Hessian of the cost over (W, b), found by torch."""
    x = x.double().flatten()
    hessian = 2 * torch.stack(
        [torch.stack([(x * x).mean(), x.mean()]), torch.stack([x.mean(), torch.tensor(1.0)])]
    )
    return 2 / torch.linalg.eigvalsh(hessian).max().item()


# --- the course's log -----------------------------------------------------------------------


def test_sum_gradient_with_lr_0_1_reproduces_the_courses_11_printed_lines():
    x, y = toy_data()
    history = no_warnings(gradient_descent, x, y, lr=0.1, epochs=10, reduction="sum")
    assert history.format_log() == COURSE_LOG


def test_sgd_with_lr_0_15_prints_the_courses_weights():
    x, y = toy_data()
    history = no_warnings(train_with_optimizer, x, y, lr=0.15, epochs=10)
    course_weights = [line.split("W: ")[1].split(",")[0] for line in COURSE_LOG.splitlines()]
    assert [f"{w:.3f}" for w in history.weights] == course_weights


# --- hand-written descent against torch.optim.SGD ----------------------------------------------


@pytest.mark.parametrize("lr", [0.01, 0.05, 0.1, 0.15, 0.2])
def test_mean_gradient_descent_takes_the_steps_of_torch_sgd(lr):
    x, y = toy_data()
    by_hand = gradient_descent(x, y, lr=lr, epochs=10, reduction="mean")
    with_sgd = train_with_optimizer(x, y, lr=lr, epochs=10, optimizer=torch.optim.SGD)
    assert len(by_hand.weights) == len(with_sgd.weights) == 11
    assert by_hand.weights == pytest.approx(with_sgd.weights, rel=0, abs=1e-6)
    # near W = 1 the cost is small and its relative rounding error large: scale by the start
    assert by_hand.costs == pytest.approx(with_sgd.costs, rel=0, abs=1e-6 * with_sgd.costs[0])
    assert by_hand.gradients == pytest.approx(with_sgd.gradients, rel=1e-6, abs=1e-6)


def test_mean_gradient_descent_and_sgd_print_the_same_weights_to_3_decimals():
    x, y = toy_data()
    by_hand = gradient_descent(x, y, lr=0.15, epochs=10, reduction="mean")
    with_sgd = train_with_optimizer(x, y, lr=0.15, epochs=10)
    assert [f"{w:.3f}" for w in by_hand.weights] == [f"{w:.3f}" for w in with_sgd.weights]


@PROPERTY
@given(problem=fitting_problems())
def test_mean_gradient_descent_equals_sgd_on_random_float64_data(problem):
    x, y, factor, w0 = problem
    lr = factor * max_stable_lr(x)
    by_hand = gradient_descent(x, y, lr=lr, epochs=10, w0=w0, reduction="mean")
    with_sgd = train_with_optimizer(x, y, lr=lr, epochs=10, w0=w0)
    scale = abs(w0) + abs(closed_form_weight(x, y)) + 1
    assert by_hand.weights == pytest.approx(with_sgd.weights, rel=0, abs=1e-9 * scale)


def test_sum_gradient_with_lr_0_1_equals_mean_gradient_with_lr_0_15():
    x, y = toy_data()
    with_sum = gradient_descent(x, y, lr=0.1, epochs=10, reduction="sum")
    with_mean = gradient_descent(x, y, lr=0.15, epochs=10, reduction="mean")
    assert with_sum.weights == pytest.approx(with_mean.weights, rel=0, abs=1e-6)
    assert with_sum.costs == pytest.approx(with_mean.costs, rel=0, abs=1e-6)
    assert [f"{w:.3f}" for w in with_sum.weights] == [f"{w:.3f}" for w in with_mean.weights]


def test_sum_gradient_with_lr_0_1_equals_sgd_with_lr_0_15():
    x, y = toy_data()
    with_sum = gradient_descent(x, y, lr=0.1, epochs=10, reduction="sum")
    with_sgd = train_with_optimizer(x, y, lr=0.15, epochs=10)
    assert with_sum.weights == pytest.approx(with_sgd.weights, rel=0, abs=1e-6)


# --- the analytic law of a step ------------------------------------------------------------


@pytest.mark.parametrize("reduction", ["mean", "sum"])
@pytest.mark.parametrize("factor", [0.05, 0.25, 0.5, 0.75, 0.99])
def test_distance_to_best_w_shrinks_by_1_minus_lr_times_curvature_each_epoch(reduction, factor):
    x, y = (t.double() for t in toy_data())
    lr = factor * max_stable_lr(x, reduction)
    w0 = -0.5
    history = gradient_descent(x, y, lr=lr, epochs=10, w0=w0, reduction=reduction)
    best = closed_form_weight(x, y)
    ratio = 1 - lr * curvature(x, reduction)
    expected = [best + ratio**k * (w0 - best) for k in range(11)]
    assert history.weights == pytest.approx(expected, rel=0, abs=1e-12)


@PROPERTY
@given(problem=fitting_problems(), reduction=st.sampled_from(["mean", "sum"]))
def test_distance_to_best_w_follows_the_analytic_law_on_random_data(problem, reduction):
    x, y, factor, w0 = problem
    lr = factor * max_stable_lr(x, reduction)
    history = gradient_descent(x, y, lr=lr, epochs=10, w0=w0, reduction=reduction)
    best = closed_form_weight(x, y)
    ratio = 1 - lr * curvature(x, reduction)
    expected = [best + ratio**k * (w0 - best) for k in range(11)]
    scale = abs(w0) + abs(best) + 1
    assert history.weights == pytest.approx(expected, rel=0, abs=1e-9 * scale)


def test_sgd_follows_the_analytic_law_of_the_mean_gradient():
    x, y = (t.double() for t in toy_data())
    lr = 0.3 * max_stable_lr(x)
    history = train_with_optimizer(x, y, lr=lr, epochs=10, w0=3.0)
    ratio = 1 - lr * curvature(x)
    expected = [1 + ratio**k * (3.0 - 1) for k in range(11)]
    assert history.weights == pytest.approx(expected, rel=0, abs=1e-12)


@PROPERTY
@given(problem=fitting_problems())
def test_descent_converges_to_the_closed_form_weight(problem):
    x, y, _, w0 = problem
    lr = 0.5 * max_stable_lr(x)  # lr = 1 / L: 1 - lr * L = 0, one step lands on the best W
    history = gradient_descent(x, y, lr=lr, epochs=3, w0=w0)
    best = closed_form_weight(x, y)
    assert history.weights[-1] == pytest.approx(best, rel=1e-9, abs=1e-9)


# --- stability ------------------------------------------------------------------------------


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_just_below_the_stable_bound_descent_converges_without_warning(reduction):
    x, y = toy_data()
    lr = 0.99 * max_stable_lr(x, reduction)
    history = no_warnings(gradient_descent, x, y, lr=lr, epochs=10, reduction=reduction)
    assert not history.diverged
    assert history.message == ""
    assert all(later < earlier for earlier, later in itertools.pairwise(history.costs))
    assert history.format_log().count("\n") == 10


def test_just_below_the_stable_bound_sgd_converges_without_warning():
    x, y = toy_data()
    history = no_warnings(train_with_optimizer, x, y, lr=0.99 * max_stable_lr(x), epochs=10)
    assert not history.diverged
    assert history.message == ""
    assert all(later < earlier for earlier, later in itertools.pairwise(history.costs))


@pytest.mark.parametrize(("reduction", "bound"), [("mean", 3 / 14), ("sum", 1 / 7)])
def test_just_above_the_stable_bound_descent_diverges_and_warns_naming_the_bound(reduction, bound):
    x, y = toy_data()
    assert max_stable_lr(x, reduction) == pytest.approx(bound, rel=1e-12)
    lr = 1.01 * bound
    with pytest.warns(DivergenceWarning) as record:
        history = gradient_descent(x, y, lr=lr, epochs=10, reduction=reduction)

    # |W_k - 1| = |1 - lr * L|^k: the cost grows by (1 - lr * L)^(2 * 10) = 1.02^20
    assert history.costs[-1] == pytest.approx(14 / 3 * 1.02**20, rel=1e-5)
    expected = divergence_message(
        f"the cost grew from {14 / 3:.6f} to {history.costs[-1]:.6f}", reduction, bound, lr
    )
    assert len(record) == 1
    assert str(record[0].message) == expected
    assert record[0].filename == __file__  # the warning points at the caller's line
    assert history.diverged
    assert history.message == expected
    assert f"{bound:.6f}" in history.message
    assert history.format_log().splitlines()[-1] == expected
    assert len(history.format_log().splitlines()) == 12


def test_just_above_the_stable_bound_sgd_diverges_and_warns_the_same_way():
    x, y = toy_data()
    lr = 1.01 * 3 / 14
    with pytest.warns(DivergenceWarning) as record:
        history = train_with_optimizer(x, y, lr=lr, epochs=10)
    expected = divergence_message(
        f"the cost grew from {14 / 3:.6f} to {history.costs[-1]:.6f}", "mean", 3 / 14, lr
    )
    assert [str(warning.message) for warning in record] == [expected]
    assert record[0].filename == __file__
    assert history.diverged
    assert history.message == expected
    assert history.method == "SGD"


def test_at_the_stable_bound_w_bounces_between_0_and_2_without_diverging():
    x, y = toy_data()
    history = no_warnings(gradient_descent, x, y, lr=max_stable_lr(x), epochs=10)
    assert history.weights == pytest.approx([0.0, 2.0] * 5 + [0.0], rel=0, abs=1e-5)
    assert history.costs == pytest.approx([14 / 3] * 11, rel=1e-5)
    assert not history.diverged


@pytest.mark.parametrize("train", [gradient_descent, train_with_optimizer])
def test_a_huge_lr_stops_before_any_nan_or_inf_and_reports_the_overflow(train):
    x, y = toy_data()
    with pytest.warns(DivergenceWarning) as record:
        history = train(x, y, lr=1e6, epochs=100)
    # W_k = 1 - (1 - 1e6 * 28/3)^k: W_3 ~ 8e20 makes the float32 cost overflow
    assert len(history.weights) == len(history.costs) == len(history.gradients) == 3
    recorded = history.weights + history.costs + history.gradients
    assert all(math.isfinite(value) for value in recorded)
    expected = divergence_message(
        "the numbers overflowed after epoch 2, so the run stopped", "mean", 3 / 14, 1e6
    )
    assert [str(warning.message) for warning in record] == [expected]
    assert history.diverged
    assert history.message == expected
    assert history.epochs == 100


MOMENTUM = functools.partial(torch.optim.SGD, momentum=0.9)


@pytest.mark.parametrize(
    ("optimizer", "lr", "method"),
    [(torch.optim.Adam, 5.0, "Adam"), (MOMENTUM, 1.0, "SGD with momentum=0.9")],
    ids=["Adam", "SGD with momentum"],
)
def test_a_divergent_run_of_another_optimizer_says_the_bound_does_not_apply(optimizer, lr, method):
    x, y = toy_data()
    with pytest.warns(DivergenceWarning) as record:
        history = train_with_optimizer(x, y, lr=lr, epochs=10, optimizer=optimizer)
    assert history.costs[-1] > history.costs[0]  # it really diverged: the cost grew
    assert len(history.weights) == 11  # without overflowing
    expected = other_method_message(
        f"the cost grew from {history.costs[0]:.6f} to {history.costs[-1]:.6f}", method, lr
    )
    assert [str(warning.message) for warning in record] == [expected]
    assert record[0].filename == __file__
    assert history.method == method
    assert history.diverged
    assert history.message == expected
    assert f"{max_stable_lr(x):.6f}" not in history.message


def test_an_overflowing_run_of_sgd_with_momentum_says_the_bound_does_not_apply():
    x, y = toy_data()
    with pytest.warns(DivergenceWarning) as record:
        history = train_with_optimizer(x, y, lr=1e6, epochs=100, optimizer=MOMENTUM)
    assert len(history.weights) < 101
    assert all(math.isfinite(value) for value in history.weights + history.costs)
    epoch = len(history.costs) - 1
    expected = other_method_message(
        f"the numbers overflowed after epoch {epoch}, so the run stopped",
        "SGD with momentum=0.9",
        1e6,
    )
    assert [str(warning.message) for warning in record] == [expected]
    assert history.message == expected


@pytest.mark.parametrize("train", [gradient_descent, train_with_optimizer])
def test_a_cost_that_overflows_at_w0_is_refused_instead_of_blaming_lr(train):
    x, y = torch.ones(3), torch.full((3,), 1e20)
    message = (
        "the cost or its gradient at the starting weight w0=0 overflows torch.float32: "
        "x, y or w0 are too large; rescale them or pass float64 tensors"
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        train(x, y, lr=0.1, epochs=3)
    history = no_warnings(train, x.double(), y.double(), lr=0.1, epochs=3)
    assert history.costs[0] == mse(torch.zeros(3, dtype=torch.float64), y.double()).item()


def test_a_run_that_starts_at_the_best_w_stays_there_and_does_not_diverge():
    x, y = toy_data()
    history = no_warnings(gradient_descent, x, y, lr=0.1, epochs=5, w0=1.0)
    assert history.weights == [1.0] * 6
    assert history.costs == [0.0] * 6
    assert not history.diverged


# --- History --------------------------------------------------------------------------------


def test_history_of_10_epochs_has_11_rows_and_records_the_settings():
    x, y = toy_data()
    history = gradient_descent(x, y, lr=0.1, epochs=10, w0=-2, reduction="sum")
    assert isinstance(history, History)
    assert len(history.weights) == len(history.costs) == len(history.gradients) == 11
    assert (history.lr, history.epochs, history.w0) == (0.1, 10, -2.0)
    assert isinstance(history.w0, float)
    assert (history.reduction, history.method) == ("sum", "by hand")
    assert history.weights[0] == -2.0


def test_optimizer_history_records_sgd_and_the_mean_reduction():
    x, y = toy_data()
    history = train_with_optimizer(x, y, lr=0.15, epochs=10, w0=torch.tensor(0.5))
    assert len(history.weights) == len(history.costs) == len(history.gradients) == 11
    assert (history.lr, history.epochs, history.w0) == (0.15, 10, 0.5)
    assert (history.reduction, history.method) == ("mean", "SGD")
    assert (history.diverged, history.message) == (False, "")


def test_zero_epochs_records_only_the_starting_point():
    x, y = toy_data()
    history = gradient_descent(x, y, lr=0.1, epochs=0, w0=0.5)
    assert history.weights == [0.5]
    assert history.costs == [mse(hypothesis(x, 0.5), y).item()]
    assert history.format_log() == f"Epoch    0/0 W: 0.500, Cost: {history.costs[0]:.6f}"


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_recorded_gradients_and_costs_are_mse_gradient_and_mse_at_each_recorded_weight(
    reduction,
):
    x, y = toy_data()
    history = gradient_descent(x, y, lr=0.05, epochs=10, w0=3.0, reduction=reduction)
    assert history.gradients == [mse_gradient(w, x, y, reduction).item() for w in history.weights]
    assert history.costs == [mse(hypothesis(x, w), y).item() for w in history.weights]


@PROPERTY
@given(problem=fitting_problems(), reduction=st.sampled_from(["mean", "sum"]))
def test_recorded_gradients_are_mse_gradient_at_each_weight_on_float64_data(problem, reduction):
    x, y, factor, w0 = problem
    history = gradient_descent(
        x, y, lr=factor * max_stable_lr(x, reduction), epochs=5, w0=w0, reduction=reduction
    )
    assert history.gradients == [mse_gradient(w, x, y, reduction).item() for w in history.weights]


def test_sgd_records_the_autograd_gradient_which_matches_mse_gradient():
    x, y = toy_data()
    history = train_with_optimizer(x, y, lr=0.05, epochs=10, w0=3.0)
    expected = [mse_gradient(w, x, y).item() for w in history.weights]
    assert history.gradients == pytest.approx(expected, rel=1e-6, abs=1e-6)
    assert history.costs == pytest.approx(
        [mse(hypothesis(x, w), y).item() for w in history.weights], rel=1e-6, abs=1e-9
    )


def test_history_is_frozen():
    x, y = toy_data()
    history = gradient_descent(x, y, lr=0.1, epochs=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        history.lr = 0.2  # type: ignore[misc]


@pytest.mark.parametrize(
    ("optimizer", "lr", "method"),
    [
        (torch.optim.Adam, 0.1, "Adam"),
        (MOMENTUM, 0.05, "SGD with momentum=0.9"),
        (
            functools.partial(torch.optim.SGD, momentum=0.9, nesterov=True),
            0.05,
            "SGD with momentum=0.9, nesterov=True",
        ),
        (functools.partial(torch.optim.SGD, weight_decay=0.01), 0.1, "SGD with weight_decay=0.01"),
    ],
)
def test_other_optimizers_run_and_reduce_the_cost(optimizer, lr, method):
    x, y = toy_data()
    history = no_warnings(train_with_optimizer, x, y, lr=lr, epochs=10, optimizer=optimizer)
    assert len(history.weights) == 11
    assert history.method == method
    assert history.costs[-1] < 0.1 * history.costs[0]
    assert not history.diverged


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"momentum": 0.0},
        {"dampening": 0.5},  # without momentum, dampening changes no step
        {"nesterov": False, "weight_decay": 0.0, "maximize": False},
    ],
)
def test_sgd_with_plain_settings_is_recorded_as_sgd_and_takes_the_steps_by_hand(settings):
    x, y = toy_data()
    optimizer = functools.partial(torch.optim.SGD, **settings)
    history = no_warnings(train_with_optimizer, x, y, lr=0.1, epochs=5, optimizer=optimizer)
    assert history.method == "SGD"
    assert history == train_with_optimizer(x, y, lr=0.1, epochs=5)


@pytest.mark.parametrize(
    ("settings", "method"),
    [
        ({"momentum": 0.5, "dampening": 0.1}, "SGD with momentum=0.5, dampening=0.1"),
        ({"maximize": True}, "SGD with maximize=True"),
        (
            {"momentum": 0.9, "nesterov": True, "weight_decay": 0.01},
            "SGD with momentum=0.9, nesterov=True, weight_decay=0.01",
        ),
    ],
)
def test_sgd_names_each_setting_that_changes_its_steps(settings, method):
    x, y = toy_data()
    optimizer = functools.partial(torch.optim.SGD, **settings)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)  # maximize climbs the cost
        history = train_with_optimizer(x, y, lr=0.01, epochs=2, optimizer=optimizer)
    assert history.method == method
    plain = train_with_optimizer(x, y, lr=0.01, epochs=2)
    assert history.weights[1:] != plain.weights[1:]  # the setting did change the steps


def test_a_subclass_of_sgd_is_named_by_its_own_class():
    class MySGD(torch.optim.SGD):
        pass

    x, y = toy_data()
    history = train_with_optimizer(x, y, lr=0.1, epochs=2, optimizer=MySGD)
    assert history.method == "MySGD"


def test_sgd_with_momentum_takes_the_steps_of_torch_sgd_with_momentum():
    x, y = toy_data()
    history = train_with_optimizer(
        x, y, lr=0.05, epochs=10, optimizer=functools.partial(torch.optim.SGD, momentum=0.9)
    )
    W = torch.tensor(0.0, requires_grad=True)
    reference = torch.optim.SGD([W], lr=0.05, momentum=0.9)
    expected = []
    for _ in range(11):
        expected.append(W.item())
        reference.zero_grad()
        torch.mean((W * x - y) ** 2).backward()
        reference.step()
    assert history.weights == expected


# --- inputs that are converted --------------------------------------------------------------


@pytest.mark.parametrize("train", [gradient_descent, train_with_optimizer])
@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([[1], [2], [3]], [[1], [2], [3]]),
        ([[1.0], [2.0], [3.0]], [[1.0], [2.0], [3.0]]),
        (torch.tensor([[1], [2], [3]]), torch.tensor([[1], [2], [3]])),
    ],
    ids=["int lists", "float lists", "int tensors"],
)
def test_lists_and_int_tensors_give_the_results_of_float_tensors(train, x, y):
    expected = train(*toy_data(), lr=0.1, epochs=10)
    history = train(x, y, lr=0.1, epochs=10)
    assert history == expected


def test_flat_data_gives_the_results_of_column_data():
    x, y = toy_data()
    assert gradient_descent(x.flatten(), y.flatten(), lr=0.1, epochs=10) == gradient_descent(
        x, y, lr=0.1, epochs=10
    )


def test_a_list_given_with_a_float64_tensor_runs_in_float64():
    x64 = torch.tensor([0.1, 0.2, 0.3], dtype=torch.float64)
    history = gradient_descent([0.1, 0.2, 0.3], x64, lr=0.1, epochs=10)
    assert history == gradient_descent(x64, x64, lr=0.1, epochs=10)


# --- with a bias ----------------------------------------------------------------------------


def test_descent_with_bias_takes_the_steps_of_torch_optim_sgd_on_w_and_b():
    x, y = (t.double() for t in toy_data())
    run = no_warnings(gradient_descent_with_bias, x, y, lr=0.15, epochs=25, w0=-1.0, b0=2.0)
    W = torch.tensor(-1.0, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([W, b], lr=0.15)
    for epoch in range(26):
        cost = torch.mean((W * x + b - y) ** 2)
        assert run.weights[epoch] == pytest.approx(W.item(), abs=1e-12)
        assert run.biases[epoch] == pytest.approx(b.item(), abs=1e-12)
        assert run.costs[epoch] == pytest.approx(cost.item(), abs=1e-12)
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()
    assert isinstance(run, BiasHistory)
    assert len(run.weights) == len(run.biases) == len(run.costs) == 26
    assert (run.lr, run.epochs, run.w0, run.b0) == (0.15, 25, -1.0, 2.0)
    assert not run.diverged and run.message == ""


def test_descent_with_bias_warns_above_its_bound_and_converges_below_it():
    x, y = (t.double() for t in toy_data())
    bound = bias_bound(x)
    below = no_warnings(gradient_descent_with_bias, x, y, lr=0.98 * bound, epochs=200)
    assert not below.diverged and below.costs[-1] < below.costs[0]
    with pytest.warns(DivergenceWarning) as record:
        above = gradient_descent_with_bias(x, y, lr=1.02 * bound, epochs=200)
    assert above.costs[-1] > above.costs[0]
    expected = bias_message("grew", bound, 1.02 * bound)
    assert [str(warning.message) for warning in record] == [expected]
    assert record[0].filename == __file__  # the warning points at the caller's line
    assert above.diverged and above.message == expected


def test_descent_with_bias_stops_before_an_overflow():
    x, y = toy_data()
    with pytest.warns(DivergenceWarning) as record:
        run = gradient_descent_with_bias(x, y, lr=2.0, epochs=500)
    assert len(run.weights) == len(run.biases) == len(run.costs) < 501
    assert all(math.isfinite(v) for v in [*run.weights, *run.biases, *run.costs])
    expected = bias_message("overflowed", bias_bound(x), 2.0)
    assert [str(warning.message) for warning in record] == [expected]
    assert run.diverged and run.message == expected


def test_descent_with_bias_that_starts_at_the_minimum_stays_there_and_does_not_diverge():
    x, y = toy_data()
    run = no_warnings(gradient_descent_with_bias, x, y, lr=0.1, epochs=5, w0=1.0, b0=0.0)
    assert (run.weights, run.biases, run.costs) == ([1.0] * 6, [0.0] * 6, [0.0] * 6)
    assert not run.diverged


def test_descent_with_bias_refuses_a_cost_that_overflows_at_the_start():
    x, y = torch.ones(3), torch.full((3,), 1e20)
    message = (
        "the cost at the start (w0=0, b0=0) overflows torch.float32; "
        "rescale the data or the starting values"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        gradient_descent_with_bias(x, y, lr=0.1, epochs=3)
