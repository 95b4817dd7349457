"""What the page "From W to nn.Linear" claims, in both languages.

The course's loop written with torch.nn takes the steps of the course's hand-written loop:
torch.nn and torch.optim run the loop here, and gradient_descent (the course's loop) must
agree with them at every step.
"""

from __future__ import annotations

import math
import warnings
from itertools import pairwise

import pytest
import torch
from _site_text import page_text, particle_gaps, prose, snippet_lines, source_text
from bs4 import BeautifulSoup
from conftest import built_page
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from gd_tutorial import gradient_descent, max_stable_lr, noisy_data, toy_data, train_with_optimizer

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


def course_log(**kwargs) -> list[str]:
    x_train, y_train = toy_data()
    return gradient_descent(x_train, y_train, **kwargs).format_log().splitlines()


def test_nn_linear_page_prints_the_course_log_and_the_summed_loss_takes_its_steps(site):
    course = course_log(lr=0.1, epochs=10, reduction="sum")
    x_train, y_train = toy_data()
    optimizer_log = (
        train_with_optimizer(x_train, y_train, lr=0.15, epochs=10).format_log().splitlines()
    )
    mean_lines = snippet_lines("docs/snippets/nn-linear/nn_linear.py")
    sum_lines = snippet_lines("docs/snippets/nn-linear/sum_loss.py")
    assert len(mean_lines) == len(sum_lines) == 11

    def w_column(lines):
        return [line.split(",")[0] for line in lines]

    def costs(lines):
        return [float(line.split("Cost:")[1]) for line in lines]

    # nn.Linear with lr 0.15: the torch.optim loop's log exactly, the course's W column.
    assert mean_lines == optimizer_log
    assert w_column(mean_lines) == w_column(course)
    assert costs(mean_lines) == pytest.approx(costs(course), abs=1.5e-6)
    # reduction="sum" with lr 0.05: the course's W column; its cost is 3 times the mean.
    assert w_column(sum_lines) == w_column(course)
    assert costs(sum_lines) == pytest.approx([3 * c for c in costs(course)], abs=4e-6)
    text = page_text(site, "nn-linear.md")
    for line in mean_lines + sum_lines:
        assert line in text
    steps = snippet_lines("docs/snippets/nn-linear/three_gradients.py")
    assert [line.split()[-1] for line in steps] == ["-1.4000"] * 3


def test_the_table_of_pieces_has_as_many_rows_as_its_heading_says(site):
    for page, heading in (
        ("nn-linear.md", "Four pieces, one for each part of the loop"),
        ("ko/nn-linear.md", "루프의 네 부분을 맡는 네 부품"),
    ):
        soup = BeautifulSoup(built_page(site, page).read_text("utf-8"), "html.parser")
        h2 = soup.find(id="four-pieces-one-for-each-part-of-the-loop")
        assert h2 is not None and h2.get_text().rstrip("¶").strip() == heading, page
        assert len(h2.find_next("table").select("tbody tr")) == 4, page
    assert "Three pieces" not in prose(site, "nn-linear.md")
    assert "세 가지 부품" not in prose(site, "ko/nn-linear.md")


def test_the_summed_loss_rate_is_a_third_of_the_mean_loss_rate_not_a_half(site):
    assert pytest.approx(0.15 / 3) == 0.05 and pytest.approx(0.1 / 2) == 0.05
    text = prose(site, "nn-linear.md")
    assert "must then be halved" not in text
    assert "a third of the 0.15 that the mean loss uses, and half of the 0.1" in text
    ko = prose(site, "ko/nn-linear.md")
    assert "반으로 줄여야" not in ko and "0.15의 3분의 1이고" in ko


def test_nn_mse_loss_warns_on_mismatched_shapes_and_returns_the_broadcast_value(site):
    y_train = torch.tensor([[1.0], [2.0], [3.0]])
    prediction = torch.tensor([1.0, 2.0, 3.0])
    with pytest.warns(UserWarning, match="different to the input size"):
        cost = nn.MSELoss()(prediction, y_train)
    # Every prediction against every target: (0 + 1 + 4 + 1 + 0 + 1 + 4 + 1 + 0) / 9.
    assert cost.item() == pytest.approx(12 / 9)
    assert cost.item() == pytest.approx(torch.mean((prediction - y_train) ** 2).item())
    lines = snippet_lines("docs/snippets/nn-linear/mismatch.py")
    assert lines[0] == f"nn.MSELoss: {12 / 9:.4f}, but every prediction is right"
    assert lines[1].startswith("UserWarning: Using a target size (torch.Size([3, 1]))")
    assert lines[-1] == "with the shape of y_train, (3, 1): 0.0000"
    for page in ("nn-linear.md", "ko/nn-linear.md"):
        text = page_text(site, page)
        assert all(line in text for line in lines), page
    text = prose(site, "nn-linear.md")
    assert "Like our mse, it expects" not in text and "it warns and computes a wrong value" in text


def test_the_code_x_at_weight_t_and_the_slow_bias_run_are_explained(site):
    text = prose(site, "nn-linear.md")
    assert "There @ is matrix multiplication and .T swaps the weight's rows and columns" in text
    assert "With two parameters the descent needs many more epochs" not in text
    assert "not because it has two parameters" in text
    for page in ("nn-linear.md", "ko/nn-linear.md"):
        assert "learning-rate.md#with-a-bias-the-valley" in source_text(page), page
    assert "`@`는 행렬 곱셈이고" in source_text("ko/nn-linear.md")


def test_korean_nn_linear_has_no_gap_before_a_particle_and_no_gloss_on_a_verb():
    source = source_text("ko/nn-linear.md")
    assert "발산(diverge)할" not in source and "스텝을 밟" not in source
    assert particle_gaps("ko/nn-linear.md") == []
