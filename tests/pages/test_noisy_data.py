"""What the page "Noisy data" claims, in both languages."""

from __future__ import annotations

from _site_text import DOCS, page_text, particle_gaps, prose, snippet_lines, source_text
from conftest import built_page
from site_figures import NOISY_DATA

from gd_tutorial import closed_form_weight, gradient_descent, hypothesis, mse, noisy_data


def test_noisy_data_page_uses_the_data_set_of_its_figure():
    settings = ", ".join(f"{name}={value!r}" for name, value in NOISY_DATA.items())
    assert settings == "m=20, true_w=2.0, noise=1.0, seed=0"
    folder = DOCS / "snippets" / "noisy-data"
    for snippet, call in (
        ("data.py", settings),
        ("best_w.py", settings),
        ("more_data.py", settings.replace("m=20", "m=m")),
        ("remaining_cost.py", "m=20, true_w=true_w, noise=noise, seed=0"),
    ):
        assert f"noisy_data({call})" in (folder / snippet).read_text(encoding="utf-8"), snippet
    assert "true_w, noise = 2.0, 1.0" in (folder / "remaining_cost.py").read_text(encoding="utf-8")


def test_noisy_data_page_claims_hold_for_its_data(site):
    x, y = noisy_data(**NOISY_DATA)
    true_w, noise = NOISY_DATA["true_w"], NOISY_DATA["noise"]
    w_star = closed_form_weight(x, y)
    # "for this seed the noise happens to pull the best slope a little below 2"
    assert 1.9 < w_star < true_w
    # "Gradient descent arrives at W*": the last lines print W* to 3 decimals, at one cost.
    run = gradient_descent(x, y, lr=0.05, epochs=10)
    lines = run.format_log().splitlines()
    assert f"W: {w_star:.3f}" in lines[-1]
    assert lines[-1].split("Cost:")[1] == lines[-2].split("Cost:")[1]
    assert abs(run.weights[-1] - w_star) < 5e-4
    # The remaining cost is below the cost at the true W, and both are near the variance.
    best = mse(hypothesis(x, w_star), y).item()
    at_true_w = mse(hypothesis(x, true_w), y).item()
    assert 0.5 * noise**2 < best < at_true_w < noise**2
    # More data: W* closes in on 2 and the remaining cost settles near the variance.
    last = snippet_lines("docs/snippets/noisy-data/more_data.py")[-1].split()
    assert abs(float(last[1]) - true_w) < 0.01 and abs(float(last[2]) - noise**2) < 0.01
    text = page_text(site, "noisy-data.md")
    assert f"closed form: W* = {w_star:.6f}" in text
    assert "noisy-fit.svg" in built_page(site, "noisy-data.md").read_text(encoding="utf-8")


def test_a_seed_gives_the_same_data_each_time_and_another_seed_other_data(site):
    # The summary once said "the same for every seed": the opposite of what is meant.
    assert all(a.equal(b) for a, b in zip(noisy_data(seed=3), noisy_data(seed=3), strict=True))
    assert not noisy_data(seed=3)[0].equal(noisy_data(seed=4)[0])
    text = prose(site, "noisy-data.md")
    assert "the same for every seed" not in text
    assert "one seed always gives the same data, and another seed gives other data" in text
    assert "시드가 다르면 다른 데이터가 나옵니다" in prose(site, "ko/noisy-data.md")


def test_the_bias_is_said_to_have_come_back_on_the_learning_rate_page(site):
    # noisy-data comes after learning-rate, where the bias is put back: not "a later chapter".
    assert "a later chapter" not in prose(site, "noisy-data.md")
    assert "뒤의 장에서 다시 다룹니다" not in prose(site, "ko/noisy-data.md")
    for page in ("noisy-data.md", "ko/noisy-data.md"):
        assert "learning-rate.md#with-a-bias-the-valley" in source_text(page), page


def test_korean_noisy_data_names_the_convergence_page_and_labels_its_formula_in_korean(site):
    source = source_text("ko/noisy-data.md")
    assert "앞 페이지의 공식" not in source  # the formula is on the convergence page
    assert "convergence.md#the-best-w-without-a-loop) 페이지의 공식" in source
    assert "\\text{what no }" not in source and "\\text{what gradient" not in source
    assert "\\text{어떤 } W \\text{로도 없앨 수 없는 부분}" in source
    assert "우리" not in source and "평범한" not in source
    assert particle_gaps("ko/noisy-data.md") == []
