"""Descent by hand: the course's log, the leaf-tensor error and the version counter, and what
forgetting to reset W.grad turns the loop into."""

from __future__ import annotations

import itertools
import json

import pytest
import torch
from _site_text import DOCS, formula_text, page_text, particle_gaps, source_text

from gd_tutorial import curvature, gradient_descent, toy_data


def course_log(**kwargs) -> list[str]:
    x_train, y_train = toy_data()
    return gradient_descent(x_train, y_train, **kwargs).format_log().splitlines()


def error_demos(source: str) -> list[str]:
    """The code of the notebook's cells tagged raises-exception, in order."""
    cells = json.loads((DOCS / source).read_text("utf-8"))["cells"]
    return [
        "".join(c["source"]) for c in cells if "raises-exception" in c["metadata"].get("tags", [])
    ]


def test_by_hand_page_shows_the_course_log_computed_in_this_build(site):
    text = page_text(site, "by-hand.ipynb")
    for line in course_log(lr=0.1, epochs=10, reduction="sum"):
        assert line in text


def test_leaf_tensor_error_is_raised_and_shown_on_the_by_hand_page(site):
    W = torch.zeros(1, requires_grad=True)
    with pytest.raises(RuntimeError) as error:
        W -= 0.1 * torch.ones(1)
    assert f"RuntimeError: {error.value}" in page_text(site, "by-hand.ipynb")


def test_the_leaf_error_needs_no_graph_and_the_page_shows_it_live(site):
    W = torch.zeros(1, requires_grad=True)
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad") as error:
        W -= 1.0  # nothing was computed from W: there is no graph
    for source in ("by-hand.ipynb", "ko/by-hand.ipynb"):
        assert "W -= 1.0" in error_demos(source), source
        fresh = "W = torch.zeros(1, requires_grad=True)  # a fresh leaf"
        assert fresh in page_text(site, source), source
        # Shown twice: the note's update, then the bare W.
        assert page_text(site, source).count(f"RuntimeError: {error.value}") == 2, source


def test_the_version_counter_fails_later_at_backward_and_the_page_shows_it_live(site):
    x_train, y_train = toy_data()
    W = torch.zeros(1, requires_grad=True)
    error = x_train * W - y_train
    cost = torch.mean(error**2)
    assert error._version == 0
    error -= 1.0  # no error here: error is not a leaf
    assert error._version == 1
    with pytest.raises(RuntimeError, match="modified by an inplace operation") as failure:
        cost.backward()
    message = str(failure.value)
    for source in ("by-hand.ipynb", "ko/by-hand.ipynb"):
        assert "cost.backward()" in error_demos(source), source
        text = page_text(site, source)
        assert "version of error when saved: 0" in text
        assert "version of error now:        1" in text
        assert f"RuntimeError: {message}" in text
    # The old page gave this check as a second reason for the leaf error.
    assert "may have saved `W`'s old value" not in source_text("by-hand.ipynb")
    assert "the **backward pass**" in source_text("by-hand.ipynb")  # the glossary links here for it
    assert "`W`의 옛 값을 저장해" not in source_text("ko/by-hand.ipynb")


def test_every_step_of_the_course_log_overshoots_by_the_factor_the_page_states(site):
    x_train, y_train = toy_data()
    weights = gradient_descent(x_train, y_train, lr=0.1, epochs=10, reduction="sum").weights
    factor = 1 - 0.1 * curvature(x_train, reduction="sum")
    assert factor == pytest.approx(-0.4)
    assert weights[1] == pytest.approx(1.4) and weights[2] == pytest.approx(0.84)
    for before, after in itertools.pairwise(weights):
        assert (after - 1) * (before - 1) < 0  # to the other side of 1, every time
        assert (after - 1) / (before - 1) == pytest.approx(factor, abs=1e-3)  # float32
    assert "Every step overshoots" in formula_text(site, "by-hand.ipynb")
    assert "from 0 to 1.4, then to 0.84" in formula_text(site, "by-hand.ipynb")
    assert "모든 스텝에서 오버슈트(overshoot)가 일어납니다" in formula_text(
        site, "ko/by-hand.ipynb"
    )
    assert "The first step overshoots" not in formula_text(site, "by-hand.ipynb")


def test_exercises_name_the_curvatures_and_their_factors():
    x_train, _ = toy_data()
    mean_l, sum_l = curvature(x_train), curvature(x_train, reduction="sum")
    assert sum_l == 14.0 and mean_l == pytest.approx(28 / 3)
    assert 1 - 0.1 * sum_l == pytest.approx(-0.4) and 1 - 0.2 * sum_l == pytest.approx(-1.8)
    assert round(1 - 0.1 * mean_l, 2) == 0.07
    for source in ("by-hand.ipynb", "ko/by-hand.ipynb"):
        text = source_text(source)
        assert "$14 = \\sum x_i^2$" in text and "$L_{\\text{sum}}$" in text, source
        assert "$L = \\frac{28}{3}$" in text, source


def test_summing_gradients_without_a_reset_is_momentum_one_that_never_settles(site):
    x_train, y_train = toy_data()
    x64, y64 = x_train.double(), y_train.double()

    def without_reset(steps, dtype):
        W = torch.zeros(1, requires_grad=True, dtype=dtype)
        x, y = (x64, y64) if dtype == torch.float64 else (x_train, y_train)
        path = []
        for _ in range(steps):
            torch.mean((x * W - y) ** 2).backward()  # W.grad is never reset
            with torch.no_grad():
                W -= 0.15 * W.grad
            path.append(W.item())
        return path

    W = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([W], lr=0.15, momentum=1.0)
    momentum_one = []
    for _ in range(40):
        optimizer.zero_grad()
        torch.mean((x_train * W - y_train) ** 2).backward()
        optimizer.step()
        momentum_one.append(W.item())
    assert without_reset(40, torch.float32) == pytest.approx(momentum_one, abs=1e-5)
    # The swings neither shrink nor grow: the last ones are as wide as the first ones.
    path = without_reset(3000, torch.float64)
    assert (round(min(path), 2), round(max(path), 2)) == (-0.24, 2.24)
    assert round(min(path[-200:]), 2) == -0.24 and round(max(path[-200:]), 2) == 2.24
    english = formula_text(site, "by-hand.ipynb")
    assert "momentum with \\mu = 1" in english
    assert "between about -0.24 and 2.24, and the swings neither shrink nor grow" in english
    korean = formula_text(site, "ko/by-hand.ipynb")
    assert "\\mu = 1인 모멘텀(momentum)입니다" in korean
    assert "대략 -0.24와 2.24 사이를 끝없이 오가며" in korean
    assert "swings around wildly" not in english


def test_one_variable_derivative_is_written_with_d():
    for source in ("by-hand.ipynb", "ko/by-hand.ipynb"):
        assert "\\partial" not in source_text(source), source
        assert "\\frac{d \\operatorname{cost}}{dW}" in source_text(source), source


def test_korean_by_hand_page_keeps_the_meaning_and_its_words():
    text = source_text("ko/by-hand.ipynb")
    # The leaf and W.grad are two things: the gradient goes into the leaf's .grad.
    assert "바로 그 잎, 곧 `W.grad`" not in text
    assert "잎의 `.grad` 속성, 여기서는 `W.grad`에 저장합니다" in text
    assert "**역전파**(backward pass)" in text  # the glossary links here for it
    for slip in (
        "밟",
        "옛 잎을 쥐고",
        "닿을 수 있을까요",
        "일정한 배수",
        "(the best model)",
        "우리 루프",
        "참 기울기",
        "(true gradient)",
        "자동 미분에게",
    ):
        assert slip not in text, slip
    assert particle_gaps("ko/by-hand.ipynb") == []
