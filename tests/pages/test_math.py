"""The math page: the derivative, the sum-or-mean factor and the two curvatures it names."""

from __future__ import annotations

import pytest
from _site_text import formula_text, particle_gaps, source_text
from bs4 import BeautifulSoup
from conftest import built_page

from gd_tutorial import curvature, mse_gradient, toy_data


def test_the_two_curvatures_are_the_packages_and_differ_by_m_over_2(site):
    x_train, y_train = toy_data()
    m = len(x_train)
    mean_l, sum_l = curvature(x_train), curvature(x_train, reduction="sum")
    assert mean_l == pytest.approx(28 / 3) and sum_l == 14.0
    assert sum_l / mean_l == pytest.approx(m / 2) == 3 / 2
    # The sum form is the mean gradient times m/2 at every W.
    for W in (0.0, 0.5, 2.0):
        mean_form = mse_gradient(W, x_train, y_train).item()
        sum_form = mse_gradient(W, x_train, y_train, reduction="sum").item()
        assert sum_form == pytest.approx(m / 2 * mean_form)
    assert 0.15 * 2 / m == pytest.approx(0.1)  # the mean form's rate, for the sum form
    english = formula_text(site, "math.md")
    assert "is multiplied by \\frac{2}{m} to hold with the sum form (0.15 becomes 0.1)" in english
    assert "L = \\frac{2}{m} \\sum_i x_i^2 = \\frac{28}{3}" in english
    assert "L_{\\text{sum}} = \\sum_i x_i^2 = 14" in english
    assert "L_{\\text{sum}} = 14 = \\frac{m}{2} L" in english
    korean = formula_text(site, "ko/math.md")
    assert "L_{\\text{sum}} = 14 = \\frac{m}{2} L" in korean
    assert "비용의 곡률은 L = \\frac{28}{3}" in korean


def test_sum_or_mean_is_explained_on_the_math_page_in_both_languages(site):
    for language in ("", "ko/"):
        html = built_page(site, f"{language}math.md").read_text("utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert soup.find(id="sum-or-mean"), f"{language}math.md has no #sum-or-mean"
    assert "0.1 = 0.15 \\times \\frac{2}{3}" in formula_text(site, "math.md")


def test_one_variable_derivatives_are_written_with_d_and_partial_only_with_two():
    for source in ("math.md", "ko/math.md"):
        text = source_text(source)
        exercises = text.index("## Exercises" if source == "math.md" else "## 연습 문제")
        # Before the exercises the cost has one variable, W: no partial derivative.
        assert "\\partial" not in text[:exercises], source
        assert "\\frac{d\\,\\operatorname{cost}}{dW}" in text[:exercises], source


def test_korean_math_page_keeps_its_words():
    text = source_text("ko/math.md")
    slips = (
        "모양이 그대로이고",
        "수학 책",
        "참 평균 기울기",
        "참 기울기",
        "(true slope)",
        "우리 계산",
    )
    for slip in slips:
        assert slip not in text, slip
    assert particle_gaps("ko/math.md") == []
