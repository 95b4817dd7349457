"""What the page "Full code" claims, in both languages."""

from __future__ import annotations

from _site_text import page_text, particle_gaps, prose, source_text

from gd_tutorial import gradient_descent, toy_data, train_with_optimizer


def test_full_code_page_shows_both_logs(site):
    text = page_text(site, "full-code.md")
    x_train, y_train = toy_data()
    course = gradient_descent(x_train, y_train, lr=0.1, epochs=10, reduction="sum")
    for line in course.format_log().splitlines():
        assert line in text
    for line in (
        train_with_optimizer(x_train, y_train, lr=0.15, epochs=10).format_log().splitlines()
    ):
        assert line in text


def test_running_them_yourself_installs_the_cpu_build_of_torch(site):
    for page in ("full-code.md", "ko/full-code.md"):
        text = prose(site, page)
        assert "pip install torch --index-url https://download.pytorch.org/whl/cpu" in text
        assert "pip install torch. Nothing else is needed" not in text
        assert "pip install torch. 그 밖에는 아무것도 필요 없습니다" not in text


def test_the_bias_exercise_links_the_valley_instead_of_quoting_it_before_it_is_explained(site):
    # full-code comes before learning-rate: its exercise must not lean on numbers that only
    # a later page explains, and it must point to the one place the valley is introduced.
    for page in ("full-code.md", "ko/full-code.md"):
        source = source_text(page)
        assert "learning-rate.md#with-a-bias-the-valley" in source, page
        assert "keeps 0.964" not in prose(site, page) and "0.964배" not in prose(site, page)
    assert "Not because there are two parameters" in prose(site, "full-code.md")
    assert "매개변수(parameter)가 두 개라서가 아닙니다" in prose(site, "ko/full-code.md")


def test_the_sum_and_mean_equivalence_is_one_sentence_and_a_link(site):
    for page in ("full-code.md", "ko/full-code.md"):
        source = source_text(page)
        assert "math.md#sum-or-mean" in source, page
        assert "\\frac{\\partial \\operatorname{cost}}{\\partial W}" not in source, page


def test_korean_full_code_says_which_digit_may_differ():
    source = source_text("ko/full-code.md")
    assert "마지막으로 출력된 자리" not in source  # "the digit printed last"
    assert "출력된 자리 가운데 마지막 자리, 곧\n소수점 여섯째 자리" in source
    assert particle_gaps("ko/full-code.md") == []
