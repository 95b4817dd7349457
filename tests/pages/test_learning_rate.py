"""What the page "The learning rate" claims, in both languages."""

from __future__ import annotations

import math

import torch
from _site_text import page_text, particle_gaps, prose, snippet_lines, source_text

import gd_tutorial
from gd_tutorial import (
    adam_descent,
    curvature,
    curvatures,
    gradient_descent,
    momentum_descent,
    toy_data,
)

PAGES = ("learning-rate.md", "ko/learning-rate.md")


def test_the_bias_valleys_curvatures_and_factors_are_computed_on_the_pages(site):
    x_train, _ = toy_data()
    gentle, steep = gd_tutorial.curvatures(x_train)
    bound = gd_tutorial.max_stable_lr(x_train, bias=True)
    assert bound > 0.15  # the pages' learning rate is below the bound they quote
    for page in PAGES:
        text = page_text(site, page)
        assert f"curvature across the valley: {steep:.4f}" in text
        assert f"curvature along the floor:   {gentle:.4f}" in text
        assert f"condition number: {steep / gentle:.1f}" in text
        assert f"stable bound 2/{steep:.4f} = {bound:.6f}" in text
        assert f"along the floor:   1 - lr * {gentle:.4f} = {1 - 0.15 * gentle:+.4f}" in text
        epochs = math.ceil(math.log(1000) / -math.log(1 - 0.15 * gentle))
        assert f"epochs to shrink it 1000-fold: {epochs}" in text


def test_l_is_named_as_the_curvature_of_the_course_sum_form_not_of_the_mse(site):
    x_train, _ = toy_data()
    assert curvature(x_train, "sum") == 14 and curvature(x_train) == 28 / 3
    text = prose(site, "learning-rate.md")
    assert "L is the curvature of the cost, which the next section explains" not in text
    assert "curvature of the course's sum form" in text
    assert "the second derivative of half the summed squared error" in text
    assert "The mean squared error's own curvature is 28/3" in " ".join(
        source_text("learning-rate.md").replace("\\( ", "").replace(" \\)", "").split()
    )
    ko = prose(site, "ko/learning-rate.md")
    assert "다음 절에서 설명합니다" not in ko and "강좌의 합 형태의 곡률" in ko


def test_the_hessian_is_explained_before_its_eigenvalues_are_used_and_they_are_the_packages(
    site,
):
    x_train, y_train = toy_data()

    def cost(params):
        W, b = params
        return torch.mean((W * x_train + b - y_train) ** 2)

    H = torch.autograd.functional.hessian(cost, torch.tensor([-1.0, 2.0]))
    eigenvalues = torch.linalg.eigvalsh(H).tolist()
    assert len(eigenvalues) == 2 and eigenvalues[0] < eigenvalues[1]  # smallest first
    assert math.isclose(eigenvalues[0], curvatures(x_train)[0], rel_tol=1e-5)
    assert math.isclose(eigenvalues[1], curvatures(x_train)[1], rel_tol=1e-5)
    lines = snippet_lines("docs/snippets/learning-rate/hessian.py")
    assert f"eigenvalues: {eigenvalues[0]:.4f}, {eigenvalues[1]:.4f}" in lines
    assert sum(line.endswith("v  True") for line in lines) == 2  # H only stretches each one
    for page in PAGES:
        source = source_text(page)
        hessian = source.index('--8<-- "docs/snippets/learning-rate/hessian.py"')
        curvatures_used = source.index('--8<-- "docs/snippets/learning-rate/bias_curvatures.py"')
        assert source.index("{#the-hessian-and-its-eigenvalues}") < hessian < curvatures_used
        assert "torch.linalg.eigvalsh" in source and "H v = \\lambda v" in source


def test_scaling_leaves_the_tilt_and_centring_removes_it(site):
    x_train, _ = toy_data()

    def tilt(x):
        return float(x.mean() / x.pow(2).mean().sqrt())

    def kappa(x):
        gentle, steep = curvatures(x)
        return steep / gentle

    # mean(x) / sqrt(mean(x**2)) does not change with the scale of x ...
    for scale in (0.1, 10.0, 1 / math.sqrt(14 / 3)):
        assert math.isclose(tilt(scale * x_train), tilt(x_train), rel_tol=1e-6)
    # ... and the best scale (mean(x**2) = 1) still leaves a narrow valley: (1 + t) / (1 - t).
    t = tilt(x_train)
    best = kappa(x_train / x_train.pow(2).mean().sqrt())
    assert math.isclose(best, (1 + t) / (1 - t), rel_tol=1e-4) and best > 25
    centred = x_train - x_train.mean()
    assert tilt(centred) == 0 and math.isclose(kappa(centred), 1.5, rel_tol=1e-6)
    standard = centred / centred.pow(2).mean().sqrt()
    assert math.isclose(kappa(standard), 1.0, rel_tol=1e-5)
    lines = snippet_lines("docs/snippets/learning-rate/cures.py")
    assert lines[0].endswith(f"tilt {t:+.3f}   condition number {kappa(x_train):7.1f}")
    assert lines[3].endswith(f"condition number {best:7.1f}")
    assert lines[-1].endswith("tilt +0.000   condition number     1.0")
    for page in PAGES:
        text = page_text(site, page)
        for line in lines:
            assert line in text, (page, line)
    # The old cure, which does not remove the tilt, must not come back.
    assert "scaling the inputs so that the directions bend alike" not in prose(site, PAGES[0])
    assert "입력의 스케일을 맞추는 것(scaling" not in prose(site, PAGES[1])


def test_momentum_is_named_the_best_cure_on_this_valley_and_is_faster_there():
    x_train, y_train = toy_data()
    start = {"w0": -1.0, "b0": 2.0, "epochs": 400}

    def arrival(history):
        dist = [math.hypot(w - 1, b) for w, b in zip(history.weights, history.biases, strict=True)]
        far = [k for k, d in enumerate(dist) if d > dist[0] / 1000]
        return far[-1] + 1

    plain = arrival(gradient_descent(x_train, y_train, lr=0.15, **start))
    momentum = arrival(momentum_descent(x_train, y_train, lr=0.15, momentum=0.7, **start))
    adam = arrival(adam_descent(x_train, y_train, lr=0.3, **start))
    nesterov = arrival(
        momentum_descent(x_train, y_train, lr=0.1, momentum=0.7, nesterov=True, **start)
    )
    # "several times sooner" than plain descent; the best of the cures momentum-adam runs.
    assert 3 * momentum < plain and momentum < min(adam, nesterov)
    for page, words in (
        (PAGES[0], ("**Momentum**", "it is the best cure", "momentum-adam.md#momentum")),
        (PAGES[1], ("**모멘텀**", "가장 좋은 처방", "momentum-adam.md#momentum")),
    ):
        source = source_text(page)
        assert all(w in source for w in words), page


def test_the_cost_falls_by_the_square_of_the_distance_factor(site):
    x_train, y_train = toy_data()
    run = gradient_descent(x_train, y_train, lr=0.1, epochs=10, reduction="sum")
    factor = 1 - 0.1 * curvature(x_train, "sum")
    assert math.isclose(factor, -0.4, abs_tol=1e-12)
    for before, after in zip(run.costs[:5], run.costs[1:6], strict=True):
        assert math.isclose(after / before, 0.16, rel_tol=1e-4)
    for page in PAGES:
        source = source_text(page)
        assert "1 - 0.1 \\cdot 14 = -0.4" in source and "(-0.4)^2 = 0.16" in source, page


def test_the_valley_is_introduced_once_under_the_anchor_other_pages_link(site):
    for page in PAGES:
        source = source_text(page)
        assert "{#with-a-bias-the-valley}" in source
        # The old heading is gone; a bare anchor keeps the links of pages on other branches
        # (hypothesis, momentum-adam) working until they link the new one.
        assert "{#with-a-bias-where-the-next-lesson-goes}" not in source
    for page in ("full-code.md", "nn-linear.md", "noisy-data.md", "glossary.md"):
        for lang in ("", "ko/"):
            source = source_text(lang + page)
            assert "with-a-bias-where-the-next-lesson-goes" not in source, lang + page
    assert "where the next lesson goes" not in prose(site, PAGES[0])
    assert "다음 lab이 어디로 가는지" not in prose(site, PAGES[1])


def test_korean_learning_rate_asks_its_exercises_in_one_style_and_has_no_calques():
    source = source_text("ko/learning-rate.md")
    exercises = source[source.index("## 연습 문제") :]
    questions = [line for line in exercises.splitlines() if line.rstrip().endswith("?")]
    assert questions and all(q.rstrip().endswith("까요?") for q in questions), questions
    for calque in (
        "스텝을 밟",
        "우리 데이터",
        "우리 비용",
        "10 에폭",
        "99 %",
        "수렴(convergence)합니다",
    ):
        assert calque not in source, calque
    assert particle_gaps("ko/learning-rate.md") == []
