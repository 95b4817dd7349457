"""What the page "Gradient descent: where it goes and how fast" claims, in both languages."""

from __future__ import annotations

from _site_text import particle_gaps, prose, source_text

from gd_tutorial import curvature, max_stable_lr, toy_data


def test_convergence_gives_the_honest_reasons_for_descent_on_a_linear_model(site):
    # Linear least squares always has a closed form: the reasons are its cost at scale and
    # models that are not linear, not "no such formula exists".
    text = prose(site, "convergence.md")
    assert "no such formula exists" not in text
    assert "one unknown per weight" in text and "not linear in their weights" in text


def test_both_curvatures_are_named_with_the_cost_each_is_the_second_derivative_of(site):
    x_train, _ = toy_data()
    assert curvature(x_train) == 28 / 3  # the mean squared error's second derivative
    assert curvature(x_train, "sum") == 14  # that of half the summed squared error
    for page, words in (
        ("convergence.md", ("half the *summed* squared error", "two curvatures")),
        (
            "ko/convergence.md",
            ("오차 제곱을 *더한* 값의 절반", "곡률은 기울기의 형태마다 하나씩, 둘입니다"),
        ),
    ):
        source = source_text(page)
        assert all(w in source for w in words), page
        assert "L_{\\text{sum}} = \\sum_i x_i^2 = 14" in source, page


def test_the_factor_and_the_bound_are_derived_here_once_and_the_bounds_are_the_packages(site):
    x_train, _ = toy_data()
    assert round(max_stable_lr(x_train), 3) == 0.214
    assert round(max_stable_lr(x_train, "sum"), 3) == 0.143
    for page in ("convergence.md", "ko/convergence.md"):
        source = source_text(page)
        assert "W_k - W^{*} &= (1 - \\alpha L)^k" in source, page
        assert "&\\iff 0 < \\alpha < \\frac{2}{L} ." in source, page
        assert "2 \\cdot 3/28 \\approx 0.214" in source and "2/14 \\approx 0.143" in source
        assert "{#which-learning-rates-work}" in source, page
    # The learning-rate page links the derivation instead of repeating it.
    for page in ("learning-rate.md", "ko/learning-rate.md"):
        source = source_text(page)
        assert "W_k - W^{*} &= (1 - \\alpha L)^k" not in source, page
        assert "&\\iff 0 < \\alpha L < 2" not in source, page
        assert "convergence.md#which-learning-rates-work" in source, page
    assert "explained in the next section" not in prose(site, "learning-rate.md")
    assert "which the next section explains" not in prose(site, "learning-rate.md")


def test_korean_convergence_page_has_no_gap_before_a_particle_and_no_needless_gloss():
    assert particle_gaps("ko/convergence.md") == []
    source = source_text("ko/convergence.md")
    assert "최고의 모델(the best model)" not in source
    assert "발산(diverge)합니다" not in source and "우리 데이터" not in source
