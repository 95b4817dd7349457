"""Tests for gd_tutorial.descent: the one loop, its update rules, the torch.optim run and History.

torch.optim (SGD, SGD with momentum and Nesterov, Adam), driven by a reference loop written
here on the same batches, and the analytic law of a step on a parabola are the independent
references; the only hard-coded numbers are the course's published log.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import re
import runpy
import warnings
from pathlib import Path

import pytest
import torch
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gd_tutorial import (
    DivergenceWarning,
    History,
    adagrad_descent,
    adam_descent,
    closed_form_weight,
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


def divergence_message(what: str, reduction: str, bound: float, lr: float, bias=False) -> str:
    model = f"reduction={reduction!r}" + (" and a bias" if bias else "")
    return (
        f"Diverged: {what}. For gradient descent on this data with {model}, "
        f"lr must be below the stable bound {bound:.6f}; lr={lr:g} was used."
    )


def other_method_message(what: str, method: str, lr: float) -> str:
    """The divergence message of a run that was not plain gradient descent: no bound to name."""
    return (
        f"Diverged: {what}. This run used {method}. The stable bound 2/L holds for plain "
        f"gradient descent only, and this optimizer has no such simple bound, so try a smaller "
        f"lr; lr={lr:g} was used."
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
        f"the cost grew from {14 / 3:g} to {history.costs[-1]:g}", reduction, bound, lr
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
        f"the cost grew from {14 / 3:g} to {history.costs[-1]:g}", "mean", 3 / 14, lr
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


def test_a_cost_that_grows_a_lot_is_printed_in_six_significant_digits():
    # float64, as the explorers compute: each epoch multiplies the cost by (1 - lr * L)^2 =
    # (11/3)^2, to 14/3 * (11/3)^120 after 60 epochs, which {:.6f} printed as 76 characters.
    x, y = toy_data()
    with pytest.warns(DivergenceWarning):
        history = gradient_descent(x.double(), y.double(), lr=0.5, epochs=60)
    assert history.costs[-1] == pytest.approx(14 / 3 * (11 / 3) ** 120, rel=1e-12)
    assert history.message == (
        "Diverged: the cost grew from 4.66667 to 2.40757e+68. For gradient descent on this data "
        "with reduction='mean', lr must be below the stable bound 0.214286; lr=0.5 was used."
    )


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
    [(torch.optim.Adam, 100.0, "Adam"), (MOMENTUM, 1.0, "SGD with momentum=0.9")],
    ids=["Adam", "SGD with momentum"],
)
def test_a_divergent_run_of_another_optimizer_says_the_bound_does_not_apply(optimizer, lr, method):
    x, y = toy_data()
    with pytest.warns(DivergenceWarning) as record:
        history = train_with_optimizer(x, y, lr=lr, epochs=10, optimizer=optimizer)
    assert history.costs[-1] > history.costs[0]  # it really diverged: the cost grew
    assert len(history.weights) == 11  # without overflowing
    expected = other_method_message(
        f"the cost grew from {history.costs[0]:g} to {history.costs[-1]:g}", method, lr
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


def test_sgd_records_mse_gradient_and_mse_of_all_the_data_at_each_weight():
    x, y = toy_data()
    history = train_with_optimizer(x, y, lr=0.05, epochs=10, w0=3.0)
    assert history.gradients == [mse_gradient(w, x, y).item() for w in history.weights]
    assert history.costs == [mse(hypothesis(x, w), y).item() for w in history.weights]


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


# --- the reference: a loop written with torch.optim, fed the batches the package must take ----

ROOT = Path(__file__).resolve().parents[1]
FLOAT32 = st.floats(min_value=-3, max_value=3, allow_nan=False, allow_infinity=False, width=32)
AGAINST_TORCH = settings(max_examples=100, deadline=None)


@st.composite
def runs(draw: st.DrawFn) -> dict:
    """Float32 data of 1 to 12 samples, a start with or without a bias, batches and a seed."""
    m = draw(st.integers(min_value=1, max_value=12))
    return {
        "x": torch.tensor(draw(st.lists(FLOAT32, min_size=m, max_size=m))),
        "y": torch.tensor(draw(st.lists(FLOAT32, min_size=m, max_size=m))),
        "epochs": draw(st.integers(min_value=1, max_value=4)),
        "w0": draw(FLOAT32),
        "b0": draw(st.none() | FLOAT32),
        "batch_size": draw(st.none() | st.integers(min_value=1, max_value=m)),
        "seed": draw(st.integers(min_value=0, max_value=2**32 - 1)),
    }


def safe_lr(run: dict, factor: float) -> float:
    """A learning rate below 2 / the curvature of any batch, so that no run explodes."""
    return factor / (float(torch.max(run["x"] ** 2)) + 1)


def torch_reference(optimizer, lr: float, run: dict) -> list[list[float]]:
    """Every [W] or [W, b] of a loop written with torch.optim, one row per update.

    Its batches are the package's contract: one generator seeded once, each epoch a
    ``torch.randperm`` of the samples cut into consecutive slices of ``batch_size``.
    """
    x, y, size = run["x"], run["y"], run["batch_size"]
    params = [torch.tensor(run["w0"], requires_grad=True)]
    if run["b0"] is not None:
        params.append(torch.tensor(run["b0"], requires_grad=True))
    opt = optimizer(params, lr=lr)
    generator = torch.Generator().manual_seed(run["seed"])
    m = x.shape[0]
    rows = [[p.item() for p in params]]
    for _ in range(run["epochs"]):
        if size is None:
            batches = [torch.arange(m)]
        else:
            order = torch.randperm(m, generator=generator)
            batches = [order[start : start + size] for start in range(0, m, size)]
        for batch in batches:
            prediction = params[0] * x[batch] + (params[1] if len(params) == 2 else 0.0)
            cost = torch.mean((prediction - y[batch]) ** 2)
            opt.zero_grad()
            cost.backward()
            opt.step()
            rows.append([p.item() for p in params])
    return rows


def rows_of(history: History) -> list[list[float]]:
    if history.biases is None:
        return [[w] for w in history.weights]
    return [[w, b] for w, b in zip(history.weights, history.biases, strict=True)]


def assert_takes_the_steps_of(history: History, reference: list[list[float]]) -> None:
    """Every weight and bias of every row within 1e-5 relative of the reference.

    A parameter that passes through 0 has no relative error of its own there, so the error is
    taken relative to the largest magnitude the run's parameters reach (at least 1).
    """
    rows = rows_of(history)
    assert len(rows) == len(reference)
    scale = max(1.0, *(abs(value) for row in reference for value in row))
    for k, (row, expected) in enumerate(zip(rows, reference, strict=True)):
        assert row == pytest.approx(expected, rel=1e-5, abs=1e-5 * scale), f"row {k}"


def quietly(function, *args, **kwargs):
    """Call ``function`` with DivergenceWarning silenced: a random run may grow a little."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        return function(*args, **kwargs)


def settings_of(run: dict) -> dict:
    return {key: run[key] for key in ("w0", "b0", "batch_size", "seed")}


@AGAINST_TORCH
@given(run=runs(), factor=st.floats(min_value=0.05, max_value=0.95))
def test_gradient_descent_matches_torch_sgd_on_random_full_and_mini_batches(run, factor):
    lr = safe_lr(run, factor)
    history = quietly(gradient_descent, run["x"], run["y"], lr, run["epochs"], **settings_of(run))
    assert_takes_the_steps_of(history, torch_reference(torch.optim.SGD, lr, run))


@AGAINST_TORCH
@given(
    run=runs(),
    factor=st.floats(min_value=0.05, max_value=0.95),
    momentum=st.floats(min_value=0.0, max_value=0.99),
    nesterov=st.booleans(),
)
def test_momentum_descent_matches_torch_sgd_momentum_on_mini_batches(
    run, factor, momentum, nesterov
):
    nesterov = nesterov and momentum > 0
    lr = safe_lr(run, factor)
    history = quietly(
        momentum_descent,
        run["x"],
        run["y"],
        lr,
        run["epochs"],
        momentum,
        nesterov=nesterov,
        **settings_of(run),
    )
    reference = functools.partial(torch.optim.SGD, momentum=momentum, nesterov=nesterov)
    assert_takes_the_steps_of(history, torch_reference(reference, lr, run))


@AGAINST_TORCH
@given(
    run=runs(),
    lr=st.floats(min_value=1e-3, max_value=0.5),
    betas=st.tuples(st.floats(0.5, 0.99), st.floats(0.9, 0.9999)),
    eps=st.sampled_from([1e-8, 1e-6, 1e-3]),
)
def test_adam_descent_matches_torch_adam_on_mini_batches(run, lr, betas, eps):
    # Betas in the range people use. Near 0 (say 1e-5), torch rounds its lerp weight 1 - beta
    # to float32 and a zero gradient then leaves m and v tiny, so a step m / (sqrt(v) + eps)
    # amplifies that rounding a thousandfold: not a difference in the rule.
    history = quietly(
        adam_descent,
        run["x"],
        run["y"],
        lr,
        run["epochs"],
        betas=betas,
        eps=eps,
        **settings_of(run),
    )
    reference = functools.partial(torch.optim.Adam, betas=betas, eps=eps)
    assert_takes_the_steps_of(history, torch_reference(reference, lr, run))


# Ten samples in batches of 4: each epoch has batches of 4, 4 and a last, smaller one of 2.
LAST_SMALLER = {
    "x": torch.linspace(-2, 3, 10),
    "y": 2 * torch.linspace(-2, 3, 10) - 1 + 0.3 * torch.cos(torch.arange(10.0)),
    "epochs": 5,
    "w0": 0.5,
    "b0": -0.5,
    "batch_size": 4,
    "seed": 7,
}
RULES = {
    "plain": (gradient_descent, {}, torch.optim.SGD),
    "momentum": (
        momentum_descent,
        {"momentum": 0.9},
        functools.partial(torch.optim.SGD, momentum=0.9),
    ),
    "Nesterov": (
        momentum_descent,
        {"momentum": 0.8, "nesterov": True},
        functools.partial(torch.optim.SGD, momentum=0.8, nesterov=True),
    ),
    "Adam": (adam_descent, {}, torch.optim.Adam),
    "Adagrad": (adagrad_descent, {}, torch.optim.Adagrad),
    "RMSprop": (rmsprop_descent, {}, torch.optim.RMSprop),
}


@pytest.mark.parametrize(("descent", "options", "optimizer"), RULES.values(), ids=RULES.keys())
def test_every_rule_matches_torch_optim_when_the_last_batch_of_an_epoch_is_smaller(
    descent, options, optimizer
):
    run = LAST_SMALLER
    history = no_warnings(descent, run["x"], run["y"], 0.05, 5, **options, **settings_of(run))
    assert history.steps_per_epoch == 3
    assert len(history.weights) == len(history.biases) == 1 + 5 * 3
    assert_takes_the_steps_of(history, torch_reference(optimizer, 0.05, run))


@pytest.mark.parametrize("optimizer", [rule[2] for rule in RULES.values()], ids=RULES.keys())
def test_train_with_optimizer_takes_the_reference_loops_steps_exactly(optimizer):
    run = LAST_SMALLER
    history = no_warnings(
        train_with_optimizer, run["x"], run["y"], 0.05, 5, optimizer=optimizer, **settings_of(run)
    )
    assert rows_of(history) == torch_reference(optimizer, 0.05, run)


def test_momentum_0_takes_exactly_the_steps_of_plain_descent():
    run = LAST_SMALLER
    plain = gradient_descent(run["x"], run["y"], 0.05, 5, **settings_of(run))
    momentum = momentum_descent(run["x"], run["y"], 0.05, 5, momentum=0.0, **settings_of(run))
    assert (momentum.weights, momentum.biases) == (plain.weights, plain.biases)
    assert momentum.method == "momentum by hand (momentum=0)"


# --- mini-batches --------------------------------------------------------------------------


def test_the_same_seed_repeats_a_mini_batch_run_and_another_seed_shuffles_differently():
    x, y = LAST_SMALLER["x"], LAST_SMALLER["y"]
    first = gradient_descent(x, y, lr=0.05, epochs=3, b0=0.0, batch_size=4, seed=1)
    assert gradient_descent(x, y, lr=0.05, epochs=3, b0=0.0, batch_size=4, seed=1) == first
    other = gradient_descent(x, y, lr=0.05, epochs=3, b0=0.0, batch_size=4, seed=2)
    assert other.weights[1:] != first.weights[1:]
    assert (first.seed, other.seed, first.batch_size) == (1, 2, 4)


def test_a_full_batch_run_draws_nothing_so_its_seed_changes_no_step():
    x, y = toy_data()
    run = gradient_descent(x, y, lr=0.1, epochs=5, seed=123)
    assert run.weights == gradient_descent(x, y, lr=0.1, epochs=5).weights
    assert (run.batch_size, run.steps_per_epoch) == (None, 1)


def test_batches_of_one_sample_visit_every_sample_once_per_epoch_in_randperm_order():
    # With one sample (x_i, y_i) per update and lr = 1 / (2 x_i**2), a step lands W on y_i / x_i:
    # the weights spell out the order in which the samples were visited.
    x = torch.tensor([1.0, 1.0, 1.0, 1.0], dtype=torch.float64)
    y = torch.tensor([10.0, 20.0, 30.0, 40.0], dtype=torch.float64)
    run = gradient_descent(x, y, lr=0.5, epochs=3, batch_size=1, seed=5)
    generator = torch.Generator().manual_seed(5)
    order = [i for _ in range(3) for i in torch.randperm(4, generator=generator).tolist()]
    assert run.weights[1:] == [y[i].item() for i in order]


def test_mini_batch_costs_and_gradients_are_those_of_all_the_data_at_each_row():
    x, y = LAST_SMALLER["x"].double(), LAST_SMALLER["y"].double()
    run = gradient_descent(x, y, lr=0.05, epochs=2, w0=0.5, b0=-0.5, batch_size=4)
    for w, b, cost, grad_w, grad_b in zip(
        run.weights, run.biases, run.costs, run.gradients, run.bias_gradients, strict=True
    ):
        W = torch.tensor(w, dtype=torch.float64, requires_grad=True)
        B = torch.tensor(b, dtype=torch.float64, requires_grad=True)
        reference = torch.mean((W * x + B - y) ** 2)
        reference.backward()
        assert cost == pytest.approx(reference.item(), rel=1e-12)
        assert (grad_w, grad_b) == pytest.approx((W.grad.item(), B.grad.item()), abs=1e-12)


def test_format_log_of_a_mini_batch_run_prints_the_start_and_each_epochs_end():
    x, y = LAST_SMALLER["x"], LAST_SMALLER["y"]
    run = gradient_descent(x, y, lr=0.05, epochs=4, batch_size=4)
    lines = run.format_log().splitlines()
    ends = range(0, 1 + 4 * 3, 3)
    assert lines == [
        f"Epoch {epoch:4d}/4 W: {run.weights[row]:.3f}, Cost: {run.costs[row]:.6f}"
        for epoch, row in enumerate(ends)
    ]


def test_format_log_with_a_bias_prints_what_the_full_code_pages_bias_snippet_prints(capsys):
    runpy.run_path(str(ROOT / "docs/snippets/full-code/with_bias.py"))
    printed = capsys.readouterr().out.splitlines()
    x, y = toy_data()
    run = no_warnings(gradient_descent, x, y, lr=0.15, epochs=500, b0=0.0)
    assert run.format_log().splitlines()[::100] == printed
    assert printed[1] == "Epoch  100/500 W: 0.996, b: 0.009, Cost: 0.000013"


# --- with a bias ----------------------------------------------------------------------------


def test_descent_with_a_bias_takes_the_steps_of_torch_optim_sgd_on_w_and_b():
    x, y = (t.double() for t in toy_data())
    run = no_warnings(gradient_descent, x, y, lr=0.15, epochs=25, w0=-1.0, b0=2.0)
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
    assert len(run.weights) == len(run.biases) == len(run.costs) == 26
    assert (run.lr, run.epochs, run.w0, run.b0) == (0.15, 25, -1.0, 2.0)
    assert not run.diverged and run.message == ""


def test_a_run_without_a_bias_records_no_biases():
    x, y = toy_data()
    run = gradient_descent(x, y, lr=0.1, epochs=3)
    assert (run.biases, run.bias_gradients, run.b0) == (None, None, None)


def test_descent_with_a_bias_warns_above_its_bound_naming_it_and_converges_below_it():
    x, y = (t.double() for t in toy_data())
    bound = bias_bound(x)
    assert max_stable_lr(x, bias=True) == pytest.approx(bound, rel=1e-12)
    below = no_warnings(gradient_descent, x, y, lr=0.98 * bound, epochs=200, b0=0.0)
    assert not below.diverged and below.costs[-1] < below.costs[0]
    with pytest.warns(DivergenceWarning) as record:
        above = gradient_descent(x, y, lr=1.02 * bound, epochs=200, b0=0.0)
    assert above.costs[-1] > above.costs[0]
    what = f"the cost grew from {above.costs[0]:g} to {above.costs[-1]:g}"
    expected = divergence_message(what, "mean", bound, 1.02 * bound, bias=True)
    assert [str(warning.message) for warning in record] == [expected]
    assert record[0].filename == __file__  # the warning points at the caller's line
    assert above.diverged and above.message == expected
    assert above.format_log().splitlines()[-1] == expected


def test_descent_with_a_bias_stops_before_an_overflow():
    x, y = toy_data()
    with pytest.warns(DivergenceWarning) as record:
        run = gradient_descent(x, y, lr=2.0, epochs=500, b0=0.0)
    assert len(run.weights) == len(run.biases) == len(run.costs) < 501
    assert all(math.isfinite(v) for v in [*run.weights, *run.biases, *run.costs])
    what = f"the numbers overflowed after epoch {len(run.costs) - 1}, so the run stopped"
    expected = divergence_message(what, "mean", bias_bound(x), 2.0, bias=True)
    assert [str(warning.message) for warning in record] == [expected]
    assert run.diverged and run.message == expected


def test_descent_with_a_bias_that_starts_at_the_minimum_stays_there_and_does_not_diverge():
    x, y = toy_data()
    run = no_warnings(gradient_descent, x, y, lr=0.1, epochs=5, w0=1.0, b0=0.0)
    assert (run.weights, run.biases, run.costs) == ([1.0] * 6, [0.0] * 6, [0.0] * 6)
    assert not run.diverged


@pytest.mark.parametrize("train", [gradient_descent, momentum_descent, train_with_optimizer])
def test_descent_with_a_bias_refuses_a_cost_that_overflows_at_the_start(train):
    x, y = torch.ones(3), torch.full((3,), 1e20)
    message = (
        "the cost or its gradient at the start (w0=0, b0=0) overflows torch.float32: "
        "x, y, w0 or b0 are too large; rescale them or pass float64 tensors"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        train(x, y, lr=0.1, epochs=3, b0=0.0)


def test_plain_descent_with_a_bias_shrinks_the_slow_direction_by_1_minus_lr_times_its_curvature():
    x, y = (t.double() for t in toy_data())
    smallest, largest = curvatures(x)
    lr = 0.15
    run = gradient_descent(x, y, lr=lr, epochs=40, w0=-1.0, b0=2.0)
    # The slow direction is the Hessian's eigenvector of the smallest eigenvalue (torch's).
    hessian = 2 * torch.tensor([[(x * x).mean(), x.mean()], [x.mean(), 1.0]], dtype=torch.float64)
    eigenvalues, eigenvectors = torch.linalg.eigh(hessian)
    assert eigenvalues.tolist() == pytest.approx([smallest, largest], rel=1e-12)
    slow = eigenvectors[:, 0]
    distances = [
        float(slow @ torch.tensor([w - 1.0, b - 0.0], dtype=torch.float64))
        for w, b in zip(run.weights, run.biases, strict=True)
    ]
    ratios = [later / earlier for earlier, later in itertools.pairwise(distances)]
    assert ratios == pytest.approx([1 - lr * smallest] * 40, rel=1e-9)
    assert 1 - lr * smallest == pytest.approx(0.963941, abs=1e-6)


# --- divergence of momentum, Adam and mini-batches --------------------------------------------


@pytest.mark.parametrize(
    ("descent", "options", "lr", "method"),
    [
        (momentum_descent, {}, 1.0, "momentum by hand (momentum=0.9)"),
        (
            momentum_descent,
            {"nesterov": True},
            1.0,
            "Nesterov momentum by hand (momentum=0.9)",
        ),
        (adam_descent, {}, 100.0, "Adam by hand (betas=(0.9, 0.999), eps=1e-08)"),
    ],
    ids=["momentum", "Nesterov", "Adam"],
)
def test_a_divergent_run_of_momentum_or_adam_says_the_bound_does_not_apply(
    descent, options, lr, method
):
    x, y = toy_data()
    with pytest.warns(DivergenceWarning) as record:
        history = descent(x, y, lr=lr, epochs=10, **options)
    assert history.costs[-1] > history.costs[0]
    what = (
        f"the cost grew from {history.costs[0]:g} to {history.costs[-1]:g}"
        if len(history.costs) == 11
        else f"the numbers overflowed after epoch {len(history.costs) - 1}, so the run stopped"
    )
    expected = other_method_message(what, method, lr)
    assert [str(warning.message) for warning in record] == [expected]
    assert record[0].filename == __file__
    assert history.method == method
    assert history.diverged and history.message == expected
    assert f"{max_stable_lr(x):.6f}" not in history.message


def test_a_divergent_mini_batch_run_of_plain_descent_does_not_quote_the_full_batch_bound():
    x, y = LAST_SMALLER["x"], LAST_SMALLER["y"]
    bound = max_stable_lr(x, bias=True)
    with pytest.warns(DivergenceWarning) as record:
        run = gradient_descent(x, y, lr=1.5 * bound, epochs=10, b0=0.0, batch_size=4)
    expected = (
        f"Diverged: the cost grew from {run.costs[0]:g} to {run.costs[-1]:g}. This run took "
        f"mini-batches of 4: each update steps along the cost of its own batch, which can curve "
        f"more steeply than the cost of all the data, so the stable bound of full-batch gradient "
        f"descent does not apply to it; try a smaller lr; lr={1.5 * bound:g} was used."
    )
    assert [str(warning.message) for warning in record] == [expected]
    assert run.message == expected
    assert f"{bound:.6f}" not in run.message
    assert run.costs[-1] > 100 * run.costs[0]


def test_an_overflowing_mini_batch_run_names_the_update_and_the_epoch_it_stopped_in():
    x, y = LAST_SMALLER["x"], LAST_SMALLER["y"]
    with pytest.warns(DivergenceWarning) as record:
        run = momentum_descent(x, y, lr=100.0, epochs=50, b0=0.0, batch_size=4)
    k = len(run.weights) - 1
    assert 0 < k < 50 * 3
    assert all(math.isfinite(value) for value in run.weights + run.biases + run.costs)
    what = f"the numbers overflowed after update {k} (in epoch {k // 3 + 1}), so the run stopped"
    expected = other_method_message(what, "momentum by hand (momentum=0.9)", 100.0)
    assert [str(warning.message) for warning in record] == [expected]
    assert run.format_log().splitlines()[-1] == expected
    assert len(run.format_log().splitlines()) == k // 3 + 1 + 1  # whole epochs, and the message


# --- divergence means blowing up (issue 16, item 11) ------------------------------------------


def test_a_stable_mini_batch_run_from_the_best_w_is_not_called_diverged():
    x, y = noisy_data()
    best = closed_form_weight(x, y)
    run = no_warnings(gradient_descent, x, y, lr=0.005, epochs=50, w0=best, batch_size=5)
    assert run.costs[-1] > run.costs[0]  # the cost of all the data wobbles above its minimum
    assert not run.diverged
    assert run.message == ""


def test_adam_swinging_about_lr_around_the_minimum_is_not_called_diverged():
    x, y = toy_data()
    run = no_warnings(adam_descent, x, y, lr=5.0, epochs=10)
    assert 2 < run.costs[-1] / run.costs[0] < 100
    assert not run.diverged
    assert no_warnings(adam_descent, x, y, lr=5.0, epochs=1000).costs[-1] < 1e-6


def test_a_stable_momentum_run_whose_cost_rises_above_its_start_is_not_called_diverged():
    x, y = (t.double() for t in toy_data())
    # lr * L = 2.8, within heavy-ball's 2 * (1 + 0.95): the first step overshoots to W = 1.8 * 1
    run = no_warnings(momentum_descent, x, y, lr=0.3, epochs=500, momentum=0.95)
    assert max(run.costs) / run.costs[0] == pytest.approx(3.24, rel=1e-9)
    assert not run.diverged


STABLE_RULES = {
    "plain": (gradient_descent, {}, 1.0),
    "momentum": (momentum_descent, {"momentum": 0.9}, 0.1),
    "Nesterov": (momentum_descent, {"momentum": 0.5, "nesterov": True}, 0.5),
}
ADAPTIVE_RULES = {
    "Adam": (adam_descent, {}),
    "Adagrad": (adagrad_descent, {}),
    "RMSprop": (rmsprop_descent, {}),
}


@st.composite
def noisy_runs(draw: st.DrawFn) -> dict:
    """Noisy float64 data of 10 to 40 samples, a start (maybe the best one), batches, a seed."""
    m = draw(st.integers(min_value=10, max_value=40))
    x, y = noisy_data(
        m=m,
        true_w=draw(st.floats(-3, 3)),
        noise=draw(st.floats(0.5, 2.0)),
        seed=draw(st.integers(0, 2**16)),
    )
    x, y = x.double() - draw(st.floats(0, 5)), y.double()
    bias = draw(st.booleans())
    if draw(st.booleans()):  # start at the minimum, where only the wobble can lift the cost
        solution = torch.linalg.lstsq(torch.cat([x, torch.ones_like(x)], 1) if bias else x, y)
        w0, b0 = solution.solution[0].item(), solution.solution[1].item() if bias else None
    else:
        w0, b0 = draw(VALUES), draw(VALUES) if bias else None
    return {
        "x": x,
        "y": y,
        "w0": w0,
        "b0": b0,
        "batch_size": draw(st.none() | st.integers(min_value=1, max_value=m)),
        "seed": draw(st.integers(min_value=0, max_value=2**32 - 1)),
        "epochs": draw(st.integers(min_value=1, max_value=30)),
    }


@settings(max_examples=60, deadline=None)
@given(run=noisy_runs(), rule=st.sampled_from(sorted(STABLE_RULES)), factor=st.floats(0.05, 0.95))
def test_no_stable_run_of_any_rule_or_batch_size_is_called_diverged(run, rule, factor):
    descent, options, share = STABLE_RULES[rule]
    # below 2 / the largest curvature of any batch, 2 * (max x**2 + 1), times the rule's share
    lr = share * factor / (float(torch.max(run["x"] ** 2)) + 1)
    history = no_warnings(
        descent, run["x"], run["y"], lr, run["epochs"], **options, **settings_of(run)
    )
    assert not history.diverged


@settings(max_examples=40, deadline=None)
@given(run=noisy_runs(), rule=st.sampled_from(sorted(ADAPTIVE_RULES)), lr=st.floats(1e-3, 0.05))
def test_no_adaptive_run_with_a_small_lr_is_called_diverged(run, rule, lr):
    descent, options = ADAPTIVE_RULES[rule]
    history = no_warnings(
        descent, run["x"], run["y"], lr, run["epochs"], **options, **settings_of(run)
    )
    assert not history.diverged


@settings(max_examples=60, deadline=None)
@given(run=noisy_runs(), rule=st.sampled_from(sorted(STABLE_RULES)), factor=st.floats(1.5, 4.0))
def test_every_run_that_blows_up_is_called_diverged(run, rule, factor):
    """Steps that multiply the distance by at least 2 in every batch: 20 epochs blow any run up."""
    descent, options, _ = STABLE_RULES[rule]
    x = run["x"].abs() + 1  # every sample steep, so every batch curves by at least 2
    # no bias: each batch's step multiplies the distance by 1 - lr * 2 * mean(x_b**2) <= -2,
    # and momentum's by more: 3 / 2 / min(x**2) * factor >= 2.25 / min(x**2)
    lr = 1.5 * factor / float(torch.min(x**2))
    settings = {**settings_of(run), "b0": None, "w0": run["w0"] + 1.0}
    with pytest.warns(DivergenceWarning) as record:
        history = descent(x, run["y"], lr, 20, **options, **settings)
    assert history.diverged
    assert [str(warning.message) for warning in record] == [history.message]


# --- several inputs: x of shape (m, n) ----------------------------------------------------------


@st.composite
def several_input_runs(draw: st.DrawFn) -> dict:
    """Float32 data of 2 to 4 inputs, a start with or without a bias, batches and a seed."""
    m = draw(st.integers(min_value=1, max_value=10))
    n = draw(st.integers(min_value=2, max_value=4))
    values = st.lists(FLOAT32, min_size=m * n, max_size=m * n)
    w0 = draw(FLOAT32 | st.lists(FLOAT32, min_size=n, max_size=n))
    return {
        "x": torch.tensor(draw(values)).reshape(m, n),
        "y": torch.tensor(draw(st.lists(FLOAT32, min_size=m, max_size=m))).reshape(
            draw(st.sampled_from([(m,), (m, 1)]))
        ),
        "epochs": draw(st.integers(min_value=1, max_value=4)),
        "w0": w0,
        "b0": draw(st.none() | FLOAT32),
        "batch_size": draw(st.none() | st.integers(min_value=1, max_value=m)),
        "seed": draw(st.integers(min_value=0, max_value=2**32 - 1)),
    }


def several_input_reference(optimizer, lr: float, run: dict) -> list[list[float]]:
    """Every (w1, ..., wn[, b]) of a torch.optim loop on ``x @ W + b``, one row per update."""
    x, y, size = run["x"], run["y"].reshape(-1), run["batch_size"]
    m, n = x.shape
    w0 = run["w0"] if isinstance(run["w0"], list) else [run["w0"]] * n
    params = [torch.tensor(w0, requires_grad=True)]
    if run["b0"] is not None:
        params.append(torch.tensor(run["b0"], requires_grad=True))
    opt = optimizer(params, lr=lr)
    generator = torch.Generator().manual_seed(run["seed"])
    rows = [[value for p in params for value in p.reshape(-1).tolist()]]
    for _ in range(run["epochs"]):
        if size is None:
            batches = [torch.arange(m)]
        else:
            batches = torch.randperm(m, generator=generator).split(size)
        for batch in batches:
            prediction = x[batch] @ params[0] + (params[1] if len(params) == 2 else 0.0)
            cost = torch.mean((prediction - y[batch]) ** 2)
            opt.zero_grad()
            cost.backward()
            opt.step()
            rows.append([value for p in params for value in p.reshape(-1).tolist()])
    return rows


def several_rows_of(history: History) -> list[list[float]]:
    biases = history.biases or [None] * len(history.weights)
    return [[*w, *([] if b is None else [b])] for w, b in zip(history.weights, biases, strict=True)]


def several_safe_lr(run: dict, factor: float) -> float:
    """Below 2 / the largest curvature of any batch, 2 * (sum of x**2 over a sample + 1)."""
    return factor / (float(torch.max((run["x"] ** 2).sum(dim=1))) + 1)


SEVERAL_RULES = {
    "plain": (gradient_descent, {}, torch.optim.SGD),
    "momentum": (
        momentum_descent,
        {"momentum": 0.9},
        functools.partial(torch.optim.SGD, momentum=0.9),
    ),
    "Nesterov": (
        momentum_descent,
        {"momentum": 0.8, "nesterov": True},
        functools.partial(torch.optim.SGD, momentum=0.8, nesterov=True),
    ),
    "Adam": (adam_descent, {}, torch.optim.Adam),
    "Adagrad": (adagrad_descent, {"eps": 1e-6}, functools.partial(torch.optim.Adagrad, eps=1e-6)),
    "RMSprop": (
        rmsprop_descent,
        {"alpha": 0.9, "eps": 1e-6},
        functools.partial(torch.optim.RMSprop, alpha=0.9, eps=1e-6),
    ),
}


def assert_rows_close(rows: list[list[float]], reference: list[list[float]]) -> None:
    assert len(rows) == len(reference)
    scale = max(1.0, *(abs(value) for row in reference for value in row))
    for k, (row, expected) in enumerate(zip(rows, reference, strict=True)):
        assert row == pytest.approx(expected, rel=1e-5, abs=1e-5 * scale), f"row {k}"


@AGAINST_TORCH
@given(
    run=several_input_runs(),
    rule=st.sampled_from(sorted(SEVERAL_RULES)),
    factor=st.floats(min_value=0.05, max_value=0.95),
)
def test_every_rule_with_several_inputs_takes_the_steps_of_torch_optim(run, rule, factor):
    descent, options, optimizer = SEVERAL_RULES[rule]
    lr = several_safe_lr(run, factor)
    history = quietly(descent, run["x"], run["y"], lr, run["epochs"], **options, **settings_of(run))
    assert all(isinstance(w, tuple) and len(w) == run["x"].shape[1] for w in history.weights)
    assert_rows_close(several_rows_of(history), several_input_reference(optimizer, lr, run))


@AGAINST_TORCH
@given(run=several_input_runs(), rule=st.sampled_from(sorted(SEVERAL_RULES)))
def test_train_with_optimizer_with_several_inputs_takes_the_reference_loops_steps(run, rule):
    optimizer = SEVERAL_RULES[rule][2]
    lr = several_safe_lr(run, 0.5)
    history = quietly(
        train_with_optimizer,
        run["x"],
        run["y"],
        lr,
        run["epochs"],
        optimizer=optimizer,
        **settings_of(run),
    )
    assert_rows_close(several_rows_of(history), several_input_reference(optimizer, lr, run))


def test_several_input_history_records_tuples_and_the_cost_and_gradient_of_all_the_data():
    x = torch.tensor([[1.0, 2.0, 0.5], [2.0, 1.0, 1.0], [3.0, 3.0, -1.0], [0.0, 1.0, 2.0]])
    y = x @ torch.tensor([1.0, -2.0, 0.5]) + 0.25
    run = gradient_descent(x, y, lr=0.02, epochs=3, w0=[0.1, 0.2, 0.3], b0=0.0, batch_size=3)
    assert run.w0 == (0.1, 0.2, 0.3) and run.steps_per_epoch == 2
    for weights, b, cost, gradient in zip(
        run.weights, run.biases, run.costs, run.gradients, strict=True
    ):
        W = torch.tensor(weights, requires_grad=True)
        bias = torch.tensor(b, requires_grad=True)
        expected = torch.mean((x @ W + bias - y) ** 2)
        expected.backward()
        assert cost == pytest.approx(expected.item(), rel=1e-6)
        assert gradient == pytest.approx(W.grad.tolist(), rel=1e-5, abs=1e-6)
    assert run.weights[0] == pytest.approx((0.1, 0.2, 0.3))


def test_several_input_log_prints_every_weight_then_b_in_the_contracts_format():
    x = torch.tensor([[1.0, 2.0, 0.5], [2.0, 1.0, 1.0], [3.0, 3.0, -1.0]])
    run = gradient_descent(x, x.sum(dim=1, keepdim=True), lr=0.01, epochs=2, b0=0.5)
    expected = [
        "Epoch {:4d}/{} w1: {:.3f}, w2: {:.3f}, w3: {:.3f}, b: {:.3f}, Cost: {:.6f}".format(
            k, 2, *run.weights[k], run.biases[k], run.costs[k]
        )
        for k in range(3)
    ]
    assert run.format_log().splitlines() == expected
    assert run.format_log().splitlines()[0] == (
        "Epoch    0/2 w1: 0.000, w2: 0.000, w3: 0.000, b: 0.500, Cost: 13.833333"
    )


def test_one_input_given_as_a_sequence_of_one_weight_runs_as_the_number():
    x, y = toy_data()
    assert (
        gradient_descent(x, y, 0.1, 3, w0=[0.5]).weights
        == gradient_descent(x, y, 0.1, 3, w0=0.5).weights
    )


def _design(x: torch.Tensor) -> torch.Tensor:
    return torch.cat([x, torch.ones(x.shape[0], 1, dtype=x.dtype)], dim=1)


COURSE_QUIZZES = torch.tensor(
    [[73.0, 80, 75], [93, 88, 93], [89, 91, 90], [96, 98, 100], [73, 66, 70]]
)
COURSE_FINALS = torch.tensor([[152.0], [185], [180], [196], [142]])


def test_several_input_descent_reaches_the_least_squares_weights_at_a_stable_lr():
    generator = torch.Generator().manual_seed(0)
    x = torch.randn(30, 3, generator=generator, dtype=torch.float64)
    y = x @ torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64) + 0.3
    y = y + 0.1 * torch.randn(30, generator=generator, dtype=torch.float64)
    smallest, *_, largest = curvatures(x)
    lr = 2 / (smallest + largest)  # the best single rate: every direction shrinks alike
    run = no_warnings(gradient_descent, x, y, lr=lr, epochs=300, b0=0.0)
    best = closed_form_weight(x, y, bias=True)
    normal = torch.linalg.solve(_design(x).T @ _design(x), _design(x).T @ y)
    assert best == pytest.approx(tuple(normal.tolist()), rel=1e-9)
    assert (*run.weights[-1], run.biases[-1]) == pytest.approx(best, rel=1e-9)


def test_several_input_descent_above_the_stable_bound_diverges_naming_the_bound():
    x, y = COURSE_QUIZZES, COURSE_FINALS
    bound = max_stable_lr(x, bias=True)
    *_, largest = curvatures(x)
    assert bound == pytest.approx(2 / largest, rel=1e-12)
    with pytest.warns(DivergenceWarning) as record:
        run = gradient_descent(x, y, lr=1.1 * bound, epochs=30, b0=0.0)
    assert run.message.endswith(
        f"For gradient descent on this data with reduction='mean' and a bias, lr must be below "
        f"the stable bound {bound:.6f}; lr={1.1 * bound:g} was used."
    )
    assert [str(warning.message) for warning in record] == [run.message]


def test_the_courses_lr_1e_5_runs_below_the_bound_of_its_four_parameters():
    bound = max_stable_lr(COURSE_QUIZZES, bias=True)
    assert 1e-5 < bound < 1e-4
    run = no_warnings(
        train_with_optimizer, COURSE_QUIZZES, COURSE_FINALS, lr=1e-5, epochs=20, b0=0.0
    )
    assert run.costs[-1] < run.costs[0]


# --- Adagrad and RMSprop (issue 19) ------------------------------------------------------------


@AGAINST_TORCH
@given(
    run=runs(),
    lr=st.floats(min_value=1e-3, max_value=0.5),
    eps=st.sampled_from([1e-10, 1e-8, 1e-3]),
)
def test_adagrad_descent_matches_torch_adagrad_on_random_full_and_mini_batches(run, lr, eps):
    history = quietly(
        adagrad_descent, run["x"], run["y"], lr, run["epochs"], eps=eps, **settings_of(run)
    )
    reference = torch_reference(functools.partial(torch.optim.Adagrad, eps=eps), lr, run)
    assert_takes_the_steps_of(history, reference)
    assert history.method == f"Adagrad by hand (eps={eps:g})"


@AGAINST_TORCH
@given(
    run=runs(),
    lr=st.floats(min_value=1e-4, max_value=0.05),
    alpha=st.floats(min_value=0.0, max_value=0.999),
    eps=st.sampled_from([1e-8, 1e-6, 1e-3]),
)
def test_rmsprop_descent_matches_torch_rmsprop_on_random_full_and_mini_batches(run, lr, alpha, eps):
    history = quietly(
        rmsprop_descent,
        run["x"],
        run["y"],
        lr,
        run["epochs"],
        alpha=alpha,
        eps=eps,
        **settings_of(run),
    )
    optimizer = functools.partial(torch.optim.RMSprop, alpha=alpha, eps=eps)
    assert_takes_the_steps_of(history, torch_reference(optimizer, lr, run))
    assert history.method == f"RMSprop by hand (alpha={alpha:g}, eps={eps:g})"


def test_adagrad_and_rmsprop_name_their_settings_in_the_history():
    x, y = toy_data()
    assert adagrad_descent(x, y, 0.1, 1).method == "Adagrad by hand (eps=1e-10)"
    assert rmsprop_descent(x, y, 0.01, 1).method == "RMSprop by hand (alpha=0.99, eps=1e-08)"
    assert train_with_optimizer(x, y, 0.1, 1, optimizer=torch.optim.Adagrad).method == "Adagrad"
    assert train_with_optimizer(x, y, 0.1, 1, optimizer=torch.optim.RMSprop).method == "RMSprop"


def test_adagrads_steps_only_shrink_under_a_steady_gradient():
    x, y = (t.double() for t in toy_data())
    run = adagrad_descent(x, y + 100.0 * x, lr=0.1, epochs=50)  # far away: about constant
    steps = [later - earlier for earlier, later in itertools.pairwise(run.weights)]
    assert all(b < a for a, b in itertools.pairwise(steps))
    assert steps[0] == pytest.approx(0.1, rel=1e-9)
    assert steps[-1] == pytest.approx(0.1 / math.sqrt(50), rel=1e-2)  # the gradient drifts


@pytest.mark.parametrize(
    ("descent", "lr", "method"),
    [
        (adagrad_descent, 200.0, "Adagrad by hand (eps=1e-10)"),
        (rmsprop_descent, 20.0, "RMSprop by hand (alpha=0.99, eps=1e-08)"),
    ],
    ids=["Adagrad", "RMSprop"],
)
def test_a_divergent_run_of_adagrad_or_rmsprop_says_the_bound_does_not_apply(descent, lr, method):
    """Their steps are bounded (by lr, and 10 * lr for RMSprop's alpha 0.99): a first step of
    200 leaves a cost 199**2 times its start; later ones come back, so one epoch is run."""
    x, y = toy_data()
    with pytest.warns(DivergenceWarning) as record:
        history = descent(x, y, lr=lr, epochs=1)
    assert history.weights[-1] == pytest.approx(200.0)
    assert history.costs[-1] > 100 * history.costs[0]
    expected = other_method_message(
        f"the cost grew from {history.costs[0]:g} to {history.costs[-1]:g}", method, lr
    )
    assert [str(warning.message) for warning in record] == [expected]
    assert record[0].filename == __file__
    assert f"{max_stable_lr(x):.6f}" not in history.message


@pytest.mark.parametrize("nesterov", [False, True])
def test_full_batch_momentum_is_called_diverged_exactly_when_its_rate_exceeds_1(nesterov):
    """On one weight, heavy ball is stable for lr * L < 2 * (1 + mu), Nesterov for
    lr * L < 2 * (1 + mu) / (1 + 2 * mu): just above, a small rise is already divergence."""
    x, y = (t.double() for t in toy_data())
    mu, L = 0.5, curvature(x)
    limit = 2 * (1 + mu) / L / ((1 + 2 * mu) if nesterov else 1)
    with pytest.warns(DivergenceWarning):
        above = momentum_descent(x, y, 1.01 * limit, 20, mu, nesterov=nesterov, w0=2.0)
    assert above.diverged and above.costs[-1] < 100 * above.costs[0]
    below = no_warnings(momentum_descent, x, y, 0.99 * limit, 1, mu, nesterov=nesterov, w0=2.0)
    assert below.costs[-1] > below.costs[0]  # the first step overshoots: the cost rises
    assert not below.diverged
