"""The page "Why descent crawls, and momentum and Adam" (momentum-adam), in both languages.

Each claim the prose makes is asserted from the package (or torch) here, and the wrong claims
that were fixed (issue 16) are phrases that must not come back. The tests that were in
tests/test_docs.py for this page live here now, unchanged except for the valley snippet's new
line.
"""

from __future__ import annotations

import itertools
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from bs4 import BeautifulSoup
from conftest import built_page
from site_figures import VALLEY_RUNS

import gd_tutorial
from gd_tutorial import (
    adam_descent,
    curvatures,
    gradient_descent,
    max_stable_lr,
    momentum_descent,
    momentum_max_lr,
    momentum_rate,
    toy_data,
)

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = {"en": DOCS / "momentum-adam.md", "ko": DOCS / "ko" / "momentum-adam.md"}


def page_text(site: Path, source: str) -> str:
    soup = BeautifulSoup(built_page(site, source).read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article").get_text()


def snippet_lines(snippet: str) -> list[str]:
    """What a snippet prints, run in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, str(ROOT / snippet)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def source(language: str) -> str:
    return " ".join(PAGES[language].read_text(encoding="utf-8").split())


def epochs_to_arrive(weights: list[float], biases: list[float]) -> int:
    """The first epoch from which the distance to (1, 0) stays below 1/1000 of the start's."""
    distances = [math.hypot(w - 1.0, b) for w, b in zip(weights, biases, strict=True)]
    return next(k for k in range(len(distances)) if max(distances[k:]) < distances[0] / 1000)


def test_momentum_adam_page_numbers_are_computed_by_the_package(site):
    x, _ = toy_data()
    slow, steep = curvatures(x)
    lr = 0.15
    epochs = math.ceil(math.log(1000) / -math.log(1 - lr * slow))
    assert snippet_lines("docs/snippets/momentum-adam/valley.py") == [
        f"curvature along the valley:  {slow:.4f}",
        f"curvature across the valley: {steep:.4f}",
        f"condition number: {steep / slow:.1f}",
        f"the valley is {math.sqrt(steep / slow):.1f} times longer than wide",
        f"stable bound 2 / {steep:.4f} = {max_stable_lr(x, bias=True):.6f}",
        f"lr = {lr}: factor per step across {1 - lr * steep:.4f}",
        f"            factor per step along  {1 - lr * slow:.4f}",
        f"epochs to shrink the slow error 1000-fold: {epochs}",
    ]
    assert (round(slow, 4), round(steep, 4), round(steep / slow, 1)) == (0.2404, 11.0929, 46.1)
    assert 1 - lr * steep < 0 < 1 - lr * slow < 1  # zig-zag across, creep along
    text = page_text(site, "momentum-adam.md")
    assert f"epochs to shrink the slow error 1000-fold: {epochs}" in text


@pytest.mark.parametrize(
    ("snippet", "descent", "settings"),
    [
        ("momentum_by_hand.py", momentum_descent, {"lr": 0.15, "momentum": 0.7}),
        ("adam_by_hand.py", adam_descent, {"lr": 0.3}),
    ],
)
def test_rules_by_hand_on_the_page_take_the_package_steps(snippet, descent, settings):
    x, y = toy_data()
    run = descent(x, y, epochs=5, w0=-1.0, b0=2.0, **settings)
    lines = snippet_lines(f"docs/snippets/momentum-adam/{snippet}")
    assert len(lines) == 5
    for k, printed in enumerate(lines, start=1):
        W, b = run.weights[k], run.biases[k]
        assert printed.startswith(f"step {k}: W = {W:8.5f}, b = {b:8.5f}, as "), printed
        assert printed.endswith(": True"), printed


def test_momentum_adam_page_side_by_side_counts_and_claims():
    x, y = toy_data()
    start = {"w0": -1.0, "b0": 2.0, "epochs": 400}
    runs = {
        "plain, lr 0.15": gradient_descent(x, y, lr=0.15, **start),
        "momentum 0.7, lr 0.15": momentum_descent(x, y, lr=0.15, momentum=0.7, **start),
        "momentum 0.9, lr 0.15": momentum_descent(x, y, lr=0.15, momentum=0.9, **start),
        "Nesterov 0.7, lr 0.1": momentum_descent(
            x, y, lr=0.1, momentum=0.7, nesterov=True, **start
        ),
        "Adam, lr 0.3": adam_descent(x, y, lr=0.3, **start),
    }
    counts = {name: epochs_to_arrive(r.weights, r.biases) for name, r in runs.items()}
    printed = snippet_lines("docs/snippets/momentum-adam/side_by_side.py")
    assert printed == [f"{name:22s} {count:4d} epochs" for name, count in counts.items()]
    # The figure draws three of these runs, with the same settings and labels.
    for label, (descent, settings) in VALLEY_RUNS.items():
        again = descent(x, y, **start, **settings)
        assert epochs_to_arrive(again.weights, again.biases) == counts[label]
    # "Momentum 0.7 is the fastest here, more than four times faster than plain descent."
    assert min(counts, key=counts.get) == "momentum 0.7, lr 0.15"
    assert counts["plain, lr 0.15"] > 4 * counts["momentum 0.7, lr 0.15"]
    # "More momentum is not better"; "Adam helps less here" (than momentum, but it helps).
    assert counts["momentum 0.9, lr 0.15"] > counts["momentum 0.7, lr 0.15"]
    assert counts["momentum 0.7, lr 0.15"] < counts["Adam, lr 0.3"] < counts["plain, lr 0.15"]
    # Plain descent's count is the slow direction's: close to the formula's 189.
    slow = curvatures(x)[0]
    formula = math.ceil(math.log(1000) / -math.log(1 - 0.15 * slow))
    assert abs(counts["plain, lr 0.15"] - formula) <= 3
    # "3.3 times for mu = 0.7": the velocity's limit along a constant gradient.
    assert f"{1 / (1 - 0.7):.1f}" == "3.3"
    # The start is 2*sqrt(2) from the best line (1, 0).
    assert math.hypot(-1.0 - 1.0, 2.0) == pytest.approx(2 * math.sqrt(2))


def test_momentum_adam_page_exercises_hold():
    x, y = toy_data()
    # Exercise 3: Nesterov at lr 0.15 diverges on the valley; plain momentum does not.
    with pytest.warns(gd_tutorial.DivergenceWarning):
        run = momentum_descent(
            x, y, lr=0.15, epochs=100, momentum=0.7, nesterov=True, w0=-1.0, b0=2.0
        )
    assert run.diverged and run.message.startswith("Diverged: the cost grew")
    assert not momentum_descent(x, y, lr=0.15, epochs=100, momentum=0.7, w0=-1.0, b0=2.0).diverged
    # Exercise 4: centred inputs make the valley round: curvatures 4/3 and 2.
    slow, steep = curvatures(x - x.mean())
    assert (slow, steep) == pytest.approx((4 / 3, 2.0))
    assert steep / slow == pytest.approx(1.5)
    factors = [1 - 0.6 * slow, 1 - 0.6 * steep]
    assert factors == pytest.approx([0.2, -0.2])
    assert f"{0.2**5:.5f}" == "0.00032" and 0.2**5 < 1e-3
    # The Adam paragraph: at the start, W's gradient is larger than b's, yet both move 0.3.
    W, b = torch.tensor(-1.0, requires_grad=True), torch.tensor(2.0, requires_grad=True)
    torch.mean((W * x + b - y) ** 2).backward()
    assert abs(W.grad) > abs(b.grad)
    adam = adam_descent(x, y, lr=0.3, epochs=1, w0=-1.0, b0=2.0)
    assert adam.weights[1] - adam.weights[0] == pytest.approx(0.3)
    assert adam.biases[1] - adam.biases[0] == pytest.approx(0.3)


def test_the_valley_is_sqrt_kappa_times_longer_than_wide_not_kappa():
    # Issue 16, item 1: a contour line reaches 1/sqrt(lambda) along an axis of curvature lambda.
    x, y = toy_data()
    slow, steep = curvatures(x)
    kappa = steep / slow
    assert f"{math.sqrt(kappa):.1f}" == "6.8"
    # Measured on the cost itself: the level set through a point on the steep axis.
    hessian = 2 * torch.tensor([[float((x**2).mean()), float(x.mean())], [float(x.mean()), 1.0]])
    values, vectors = torch.linalg.eigh(hessian.double())
    reach = [1 / math.sqrt(float(v)) for v in values]  # where (1/2) lam r^2 = 1/2
    for vector, r in zip(vectors.T, reach, strict=True):
        w, b = (torch.tensor([1.0, 0.0], dtype=torch.float64) + r * vector).tolist()
        cost = float(torch.mean((w * x.double() + b - y.double()) ** 2))
        assert cost == pytest.approx(0.5)  # the same contour line, cost 1/2, on both axes
    assert reach[0] / reach[1] == pytest.approx(math.sqrt(kappa))
    for language in PAGES:
        assert "how much longer than wide the valley is" not in source(language)
        assert "골짜기가 폭에 비해 얼마나 긴지를" not in source(language)
    assert "\\( \\sqrt{\\kappa} \\) times longer than it is wide" in source("en")
    assert "골짜기는 폭보다 \\( \\sqrt{\\kappa} \\)배 깁니다" in source("ko")


def test_across_the_valley_momentum_swings_and_is_slower_than_plain_descent():
    # Issue 16, item 2: underdamped across the valley at lr 0.15, momentum 0.7.
    x, y = toy_data()
    slow, steep = curvatures(x)
    from gd_tutorial import damping

    assert damping(0.15, 0.7, steep) == "underdamped"
    assert f"{math.sqrt(0.7):.4f}" == "0.8367" == f"{momentum_rate(0.15, 0.7, steep):.4f}"
    assert f"{abs(1 - 0.15 * steep):.4f}" == "0.6639" and math.sqrt(0.7) > abs(1 - 0.15 * steep)
    assert f"{1 - 0.15 * slow:.4f}" == "0.9639" and math.sqrt(0.7) < 1 - 0.15 * slow
    for language in PAGES:
        text = source(language)
        assert "The zig-zag does not get the larger step" not in text
        assert "지그재그에는 더 큰 스텝이 주어지지 않습니다" not in text
        assert "the velocity stays small" not in text and "속도가 작게 유지됩니다" not in text
    # The log's swings: W from -1 to 0.6, back to -0.29 at step 3, 0.57 at step 5.
    run = momentum_descent(x, y, lr=0.15, epochs=5, momentum=0.7, w0=-1.0, b0=2.0)
    assert [f"{w:.2f}" for w in run.weights] == ["-1.00", "0.60", "0.72", "-0.29", "-0.28", "0.57"]
    # The swings snippet: across the valley, plain flips every step, momentum every two.
    lines = snippet_lines("docs/snippets/momentum-adam/swings.py")
    plain = [float(v) for v in lines[0].split("across:")[1].split()]
    heavy = [float(v) for v in lines[1].split("across:")[1].split()]
    assert len(plain) == len(heavy) == 13
    assert all(a * b < 0 for a, b in itertools.pairwise(plain))
    signs = [v > 0 for v in heavy[1:]]
    assert signs == [False, False, True, True, False, False, True, True, False, False, True, True]
    assert (plain[-1], heavy[-1]) == (0.01, 0.14)
    assert f"{0.8367**12:.2f}" == "0.12"


def test_nesterov_bound_beside_heavy_balls_and_the_pages_runs_against_both():
    x, _ = toy_data()
    lams = curvatures(x)
    lines = snippet_lines("docs/snippets/momentum-adam/nesterov_bound.py")
    settings = [(0.15, 0.7, False), (0.15, 0.9, False), (0.1, 0.7, True), (0.15, 0.7, True)]
    expected = []
    for lr, mu, nesterov in settings:
        name = f"{'Nesterov' if nesterov else 'momentum'} {mu}, lr {lr}"
        bound = momentum_max_lr(mu, lams, nesterov=nesterov)
        rate = momentum_rate(lr, mu, lams, nesterov=nesterov)
        expected.append(f"{name:20s} stable below lr {bound:.4f}, rate per step {rate:.4f}")
        # "Every run below is inside its bound except Nesterov at lr = 0.15".
        assert (lr < bound) == (rate < 1) == (not (nesterov and lr == 0.15))
    assert lines == expected
    assert f"{momentum_max_lr(0.7, lams, nesterov=True):.4f}" == "0.1277"
    assert f"{momentum_max_lr(0.7, lams):.4f}" == "0.3065"
    assert f"{max_stable_lr(x, bias=True):.4f}" == "0.1803"
    for language in PAGES:
        text = source(language)
        assert (
            "damps the overshooting" not in text and "오버슈트(overshoot)가 줄어듭니다" not in text
        )


def test_adam_steps_fall_far_below_alpha_because_beta2_remembers():
    x, y = toy_data()
    run = adam_descent(x, y, lr=0.3, epochs=60, w0=-1.0, b0=2.0)
    lines = snippet_lines("docs/snippets/momentum-adam/adam_steps.py")
    v, rows = 0.0, {}
    for t in range(1, 61):
        g = run.gradients[t - 1]
        v = 0.999 * v + 0.001 * g * g
        rows[t] = (abs(run.weights[t] - run.weights[t - 1]), abs(g), (v / (1 - 0.999**t)) ** 0.5)
    assert lines == [
        f"epoch {t:2d}: W moves {s:.4f}, |gradient| {g:7.4f}, sqrt(v_hat) {m:.4f}"
        for t, (s, g, m) in rows.items()
        if t in (1, 2, 5, 10, 20, 40, 60)
    ]
    step, gradient, memory = rows[60]
    assert rows[1][0] == pytest.approx(0.3)
    assert f"{step:.4f}" == "0.0052" and step < 0.3 / 50
    assert round(rows[1][1] / gradient, -1) == 40  # "about 40 times smaller"
    assert f"{rows[1][2] / memory:.1f}" == "4.5"  # "only about 4.5 times"
    # Adam's own step is the hand-rebuilt lr * m_hat / sqrt(v_hat): the memory is torch's.
    W = torch.tensor(-1.0, requires_grad=True)
    b = torch.tensor(2.0, requires_grad=True)
    optimizer = torch.optim.Adam([W, b], lr=0.3)
    for _ in range(60):
        optimizer.zero_grad()
        torch.mean((W * x + b - y) ** 2).backward()
        optimizer.step()
    v_torch = optimizer.state[W]["exp_avg_sq"] / (1 - 0.999**60)
    assert float(v_torch.sqrt()) == pytest.approx(memory, rel=1e-4)


def test_lr_015_is_not_where_momentum_07_is_fastest():
    x, y = toy_data()
    lams = curvatures(x)
    low = (1 - math.sqrt(0.7)) ** 2 / lams[0]
    high = (1 + math.sqrt(0.7)) ** 2 / lams[1]
    assert (f"{low:.3f}", f"{high:.3f}") == ("0.111", "0.304")
    for lr in torch.linspace(low * 1.001, high * 0.999, 20).tolist():
        assert momentum_rate(lr, 0.7, lams) == pytest.approx(math.sqrt(0.7))
    start = {"w0": -1.0, "b0": 2.0, "epochs": 400}
    counts = {
        lr: epochs_to_arrive(*_pairs(momentum_descent(x, y, lr=lr, momentum=0.7, **start)))
        for lr in (0.15, 0.2)
    }
    assert counts == {0.15: 42, 0.2: 39}
    for language in PAGES:
        text = source(language)
        assert "where plain momentum is fastest" not in text
        assert "기본 모멘텀이 가장 빨랐던" not in text


def _pairs(run):
    return run.weights, run.biases


def test_the_valley_is_introduced_once_and_linked():
    for language in PAGES:
        text = PAGES[language].read_text(encoding="utf-8")
        # The Hessian's matrix is on the learning-rate page; this page links there.
        assert "learning-rate.md#with-a-bias-the-valley" in text
        assert "\\operatorname{mean}(x) & 1 \\end{pmatrix}" not in text
        assert "math.md#sum-or-mean" in text


def test_korean_page_keeps_the_rules_of_issue_16():
    text = PAGES["ko"].read_text(encoding="utf-8")
    for phrase in ("그 변형인 네스테로프 모멘텀도 함께 다룹니다", "스텝을 밟", "우리 ", "주황빨강"):
        assert phrase not in text, phrase
    # No space between inline code or math and a following particle.
    spaced = re.findall(r"(?:`|\\\))[ ](?:은|는|이|가|을|를|의|에|와|과|로|으로|도|만)[ .,]", text)
    assert spaced == []
    # A gloss once per page: each "(English)" after a Korean term appears once.
    glosses = re.findall(r"[가-힣*]+\(([a-z][a-z -]+)\)", text)
    repeated = {g for g in glosses if glosses.count(g) > 1}
    assert repeated == set(), repeated
    # No noun gloss on a verb.
    assert not re.search(r"\((?:convergence|divergence|diverge)\)(?:합|한|하)", text)
