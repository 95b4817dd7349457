"""The intuition page: every step at lr 0.15 overshoots, and what the slope tells about the
distance to the bottom holds for this parabola."""

from __future__ import annotations

import ast
import re

import pytest
from _site_text import DOCS, formula_text, particle_gaps, source_text

from gd_tutorial import curvature, mse_gradient, toy_data

LR = 0.15


def table_weights() -> tuple[float, ...]:
    """The weights of the page's slope table (docs/snippets/intuition/slopes.py)."""
    source = (DOCS / "snippets/intuition/slopes.py").read_text("utf-8")
    assert f"lr = {LR}" in source
    return ast.literal_eval(re.search(r"for W in (\([^)]*\))", source)[1])


def test_every_step_of_the_table_overshoots_to_the_factor_the_page_states(site):
    x_train, y_train = toy_data()
    factor = 1 - LR * curvature(x_train)
    assert factor == pytest.approx(-0.4)
    assert LR * curvature(x_train) == pytest.approx(1.4)  # each step is 1.4 times the distance
    for W in table_weights():
        new = W - LR * mse_gradient(W, x_train, y_train).item()
        if W != 1.0:
            assert (new - 1) / (W - 1) == pytest.approx(-0.4, abs=1e-6), W
    step = lambda W: W - LR * mse_gradient(W, x_train, y_train).item()  # noqa: E731
    assert step(0.0) == pytest.approx(1.4) and step(2.0) == pytest.approx(0.6)
    # Below 1/L no step overshoots: the factor stays positive.
    assert 1 / curvature(x_train) == pytest.approx(3 / 28)
    assert f"{3 / 28:.3f}" == "0.107"
    english = formula_text(site, "intuition.md")
    assert "Every step here overshoots" in english
    assert "1.4 times the distance to the bottom" in english and "at 0.4 of the distance" in english
    assert "W = 0 goes to 1.4, W = 2 to 0.6" in english
    assert "below 3/28 \\approx 0.107 no step would overshoot" in english
    for wrong in ("Some steps overshoot", "A step may overshoot", "shows all three cases"):
        assert wrong not in english, wrong
    korean = formula_text(site, "ko/intuition.md")
    assert "모든 스텝이 최솟값을 지나쳐 버립니다" in korean
    assert "스텝이 바닥까지 거리의 1.4배" in korean and "처음 거리의 0.4배인 곳에" in korean
    assert "W = 0은 1.4로, W = 2는 0.6으로 갑니다" in korean
    for wrong in ("어떤 스텝은 최솟값을", "스텝 하나가 최솟값을 지나칠 수도", "세 경우를 모두"):
        assert wrong not in korean, wrong


def test_steep_means_far_and_zero_means_bottom_is_said_of_this_parabola_only(site):
    x_train, y_train = toy_data()
    mean_l = curvature(x_train)
    assert mean_l == pytest.approx(28 / 3)  # exercise 2's constant
    for W in (-2.0, -1.0, 0.0, 0.5, 1.0, 1.5, 3.0):
        # The slope is proportional to the distance from the bottom, and 0 only there.
        assert mse_gradient(W, x_train, y_train).item() == pytest.approx(mean_l * (W - 1), abs=1e-5)
    english = formula_text(site, "intuition.md")
    assert "Zero slope: on this parabola, you are at the bottom" in english
    assert "Steep slope: on this parabola you are far from the bottom" in english
    assert "where L = 28/3 is the curvature of the cost" in english
    assert "Zero slope: you are at the bottom" not in english
    assert "Steep slope: you are far from the bottom" not in english
    korean = formula_text(site, "ko/intuition.md")
    assert "기울기가 0이면, 이 포물선에서는 바닥에 도착한 것입니다" in korean
    assert "기울기가 가파르면, 이 포물선에서는 바닥에서 멀리 있다는 뜻" in korean


def test_korean_intuition_page_keeps_its_words():
    text = source_text("ko/intuition.md")
    slips = ("밟", "우리 포물선", "우리 데이터", "마이너스를 붙인", "참 기울기", "(true slope)")
    for slip in slips:
        assert slip not in text, slip
    assert particle_gaps("ko/intuition.md") == []
