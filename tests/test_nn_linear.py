"""The course's loop written with torch.nn takes the steps of the course's hand-written loop.

The page "From W to nn.Linear" claims it; torch.nn and torch.optim run the loop here, and
gradient_descent (the course's loop) must agree with them at every step.
"""

from __future__ import annotations

import math
import warnings
from itertools import pairwise

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from gd_tutorial import gradient_descent, max_stable_lr, noisy_data, toy_data

PROPERTY = settings(max_examples=60, deadline=None)
COURSE_LOG = "Epoch {:4d}/{} W: {:.3f}, Cost: {:.6f}"  # the course's own log line


def nn_linear_run(
    x: torch.Tensor, y: torch.Tensor, lr: float, epochs: int, reduction: str = "mean"
) -> tuple[list[float], list[float]]:
    """W and the loss before each update of nn.Linear(1, 1, bias=False) trained by SGD."""
    model = nn.Linear(1, 1, bias=False).to(x.dtype)
    nn.init.zeros_(model.weight)
    loss_fn = nn.MSELoss(reduction=reduction)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    weights, losses = [], []
    for _ in range(epochs + 1):
        loss = loss_fn(model(x), y)
        weights.append(model.weight.item())
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return weights, losses


def log(weights: list[float], costs: list[float], epochs: int) -> list[str]:
    return [
        COURSE_LOG.format(epoch, epochs, w, c)
        for epoch, (w, c) in enumerate(zip(weights, costs, strict=True))
    ]


def test_nn_linear_loop_with_lr_0_15_prints_the_course_log_of_the_torch_optim_loop():
    x, y = toy_data()
    weights, costs = nn_linear_run(x, y, lr=0.15, epochs=10)
    lines = log(weights, costs, 10)
    course = gradient_descent(x, y, lr=0.1, epochs=10, reduction="sum")
    assert len(lines) == 11
    # The W column is the course's manual loop's, line for line.
    assert [line.split(",")[0] for line in lines] == [
        line.split(",")[0] for line in course.format_log().splitlines()
    ]
    # The costs are the course's up to float32 rounding (a sixth decimal may differ).
    assert costs == pytest.approx(course.costs, rel=1e-6, abs=1e-6)
    # And the whole log is the torch.optim loop's (plain W, the true mean gradient, lr 0.15).
    W = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([W], lr=0.15)
    expected = []
    for _ in range(11):
        cost = torch.mean((x * W - y) ** 2)
        expected.append((W.item(), cost.item()))
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()
    assert lines == log(*zip(*expected, strict=True), 10)


def test_summed_loss_with_lr_0_05_takes_exactly_the_course_steps_with_lr_0_1():
    x, y = toy_data()
    weights, losses = nn_linear_run(x, y, lr=0.05, epochs=10, reduction="sum")
    course = gradient_descent(x, y, lr=0.1, epochs=10, reduction="sum")
    assert weights == course.weights  # to the last bit: 2 and 1/2 are exact in binary
    # The summed loss is m = 3 times the course's mean cost.
    assert losses == pytest.approx([3 * c for c in course.costs], rel=1e-6, abs=1e-6)


def test_summed_loss_gradient_is_twice_the_course_sum_form():
    x, y = toy_data()
    model = nn.Linear(1, 1, bias=False)
    nn.init.zeros_(model.weight)
    nn.MSELoss(reduction="sum")(model(x), y).backward()
    assert model.weight.grad.item() == 2 * torch.sum((0 * x - y) * x).item() == -28.0


def test_summed_loss_with_the_course_lr_0_15_diverges_and_its_bound_is_1_over_14():
    x, y = toy_data()
    bound = max_stable_lr(x, "sum") / 2  # the summed loss's gradient is twice the sum form's
    assert bound == pytest.approx(1 / 14)
    _, losses = nn_linear_run(x, y, lr=0.15, epochs=10, reduction="sum")
    assert all(later > earlier for earlier, later in pairwise(losses))
    _, losses = nn_linear_run(x, y, lr=0.99 * bound, epochs=10, reduction="sum")
    assert losses[-1] < losses[0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the course's loop at twice the rate must not diverge
        gradient_descent(x, y, lr=2 * 0.99 * bound, epochs=10, reduction="sum")


@PROPERTY
@given(
    m=st.integers(min_value=1, max_value=30),
    true_w=st.floats(min_value=-5, max_value=5),
    noise=st.floats(min_value=0, max_value=3),
    seed=st.integers(min_value=0, max_value=10_000),
    fraction=st.floats(min_value=0.05, max_value=0.95),
)
def test_nn_linear_takes_the_course_steps_on_noisy_data(m, true_w, noise, seed, fraction):
    # Within 1e-5 relative at every step: the summed loss with half the learning rate, and
    # the mean loss with m/2 times it, both against the course's sum form.
    x, y = noisy_data(m=m, true_w=true_w, noise=noise, seed=seed)
    lr = fraction * max_stable_lr(x, "sum")
    course = gradient_descent(x, y, lr=lr, epochs=12, reduction="sum").weights
    summed, _ = nn_linear_run(x, y, lr=lr / 2, epochs=12, reduction="sum")
    mean, _ = nn_linear_run(x, y, lr=lr * m / 2, epochs=12, reduction="mean")
    scale = max(abs(w) for w in course)
    for ours, theirs_sum, theirs_mean in zip(course, summed, mean, strict=True):
        assert math.isclose(theirs_sum, ours, rel_tol=1e-5, abs_tol=1e-6 * scale)
        assert math.isclose(theirs_mean, ours, rel_tol=1e-5, abs_tol=1e-6 * scale)
