"""The page "Why momentum works": every number its prose states, from the package and from runs.

The snippets are run in a fresh interpreter and what they print is compared with the package;
the prose's numbers (both languages state the same ones) are asserted here.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import torch

from gd_tutorial import (
    best_lr,
    best_momentum,
    curvatures,
    damping,
    descent_rate,
    epochs_to_shrink,
    gradient_descent,
    momentum_descent,
    momentum_matrix,
    momentum_max_lr,
    momentum_rate,
    rate_map,
    toy_data,
)

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "docs" / "snippets" / "why-momentum"
X, Y = toy_data()
LAMS = curvatures(X)
KAPPA = LAMS[1] / LAMS[0]
START = {"w0": -1.0, "b0": 2.0}
LAB4 = torch.tensor(
    [[73, 80, 75], [93, 88, 93], [89, 91, 90], [96, 98, 100], [73, 66, 70]], dtype=torch.float64
)


def printed(name: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, str(SNIPPETS / name)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # no warning leaks onto the reader's terminal
    return result.stdout.splitlines()


def arrived(run) -> int:
    """The first epoch from which the distance to (1, 0) stays below 1/1000 of the start's."""
    d = [math.hypot(w - 1, b) for w, b in zip(run.weights, run.biases, strict=True)]
    return next(k for k in range(len(d)) if max(d[k:]) < d[0] / 1000)


def lab4_curvatures(x: torch.Tensor) -> list[float]:
    xb = torch.cat([x, torch.ones(len(x), 1, dtype=torch.float64)], dim=1)
    return torch.linalg.eigvalsh(2 / len(x) * xb.T @ xb).tolist()


def test_plain_descent_section():
    lr = best_lr(LAMS)
    runs = {r: gradient_descent(X, Y, lr=r, epochs=300, **START) for r in (0.15, lr)}
    assert printed("plain.py") == [
        f"curvatures {LAMS[0]:.4f} and {LAMS[1]:.4f}, condition number {KAPPA:.2f}",
        f"(kappa - 1) / (kappa + 1) = {(KAPPA - 1) / (KAPPA + 1):.4f}",
        "lr 0.1500: factors +0.9639 along, -0.6639 across, rate 0.9639",
        f"  shrink 1000-fold: 189 epochs predicted, {arrived(runs[0.15])} run",
        "lr 0.1765: factors +0.9576 along, -0.9576 across, rate 0.9576",
        f"  shrink 1000-fold: 160 epochs predicted, {arrived(runs[lr])} run",
    ]
    assert epochs_to_shrink(descent_rate(0.15, LAMS)) == 189
    # "the run needs a couple fewer"; "Here the prediction and the run agree."
    assert 1 <= 189 - arrived(runs[0.15]) <= 3
    assert arrived(runs[lr]) == epochs_to_shrink(descent_rate(lr, LAMS)) == 160
    # "Any other learning rate makes one of the two factors larger in size."
    for other in torch.linspace(0.01, 0.35, 69).tolist():
        if abs(other - lr) > 1e-6:
            assert descent_rate(other, LAMS) > descent_rate(lr, LAMS)
    # "about (kappa + 1)/2 ln 1000 = 3.45 (kappa + 1) epochs: 163 for this valley"
    assert f"{math.log(1000) / 2:.2f}" == "3.45"
    assert round((KAPPA + 1) / 2 * math.log(1000)) == 163


def test_recurrence_section():
    assert printed("recurrence.py") == [
        "along: lr * lam = 0.0361, matrix [[1.6639, -0.7000], [1, 0]]",
        "  eigenvalues 0.8320+0.0885j and 0.8320-0.0885j, |z| = 0.8367",
        "  underdamped; plain descent's factor +0.9639",
        "across: lr * lam = 1.6639, matrix [[0.0361, -0.7000], [1, 0]]",
        "  eigenvalues 0.0180+0.8365j and 0.0180-0.8365j, |z| = 0.8367",
        "  underdamped; plain descent's factor -0.6639",
        "sqrt(mu) = 0.8367",
    ]
    for lam in LAMS:
        z = torch.linalg.eigvals(momentum_matrix(0.15, 0.7, lam))
        assert z.abs().tolist() == pytest.approx([math.sqrt(0.7)] * 2, rel=1e-12)
    # "39 epochs for 1000-fold, against 189"; across, momentum is slower than plain descent.
    rate = momentum_rate(0.15, 0.7, LAMS)
    assert f"{rate:.4f}" == "0.8367"
    assert epochs_to_shrink(rate) == 39
    assert rate > abs(1 - 0.15 * LAMS[1]) and f"{abs(1 - 0.15 * LAMS[1]):.4f}" == "0.6639"
    assert rate < 1 - 0.15 * LAMS[0]


def test_regimes_section():
    lines = printed("regimes.py")
    low = (1 - math.sqrt(0.7)) ** 2 / LAMS[1]
    high = (1 + math.sqrt(0.7)) ** 2 / LAMS[1]
    bound = momentum_max_lr(0.7, LAMS)
    assert lines[0] == f"borders: lr = {low:.5f} and {high:.5f}; stable below lr = {bound:.5f}"
    assert (f"{low:.5f}", f"{high:.5f}", f"{bound:.5f}") == ("0.00241", "0.30410", "0.30650")
    kinds = [line.split(": ")[1].split("eigenvalues")[0].strip() for line in lines[1:]]
    assert kinds == [
        "overdamped",
        "critically damped",
        "underdamped",
        "critically damped",
        "overdamped",
    ]
    for lr, kind in zip((0.001, low, 0.15, high, 0.32), kinds, strict=True):
        assert damping(lr, 0.7, LAMS[1]) == kind
    # "soon after ... the run diverges": 0.32 is beyond the bound and its rate is above 1.
    assert high < bound < 0.32 and momentum_rate(0.32, 0.7, LAMS[1]) > 1
    assert lines[-1].endswith("rate 1.3191")
    # Beyond the upper border the eigenvalues are real and negative.
    z = torch.linalg.eigvals(momentum_matrix(0.32, 0.7, LAMS[1]))
    assert float(z.imag.abs().max()) == 0 and float(z.real.max()) < 0
    # "Momentum widens plain descent's 2 / lam_max by the factor 1 + mu."
    assert bound == pytest.approx(1.7 * 2 / LAMS[1])


def test_best_pair_section():
    lines = printed("best_pair.py")
    lr, mu = best_momentum(LAMS)
    rate = momentum_rate(lr, mu, LAMS)
    root = math.sqrt(KAPPA)
    assert lines[:4] == [
        f"best pair: lr = {lr:.4f}, momentum = {mu:.4f}",
        f"rate {rate:.4f} = sqrt(momentum) = (sqrt(kappa) - 1) / (sqrt(kappa) + 1) = "
        f"{(root - 1) / (root + 1):.4f}",
        "directions: critically damped, critically damped",
        f"shrink 1000-fold: {epochs_to_shrink(rate)} epochs predicted",
    ]
    assert (f"{lr:.4f}", f"{mu:.4f}", f"{rate:.4f}") == ("0.2740", "0.5526", "0.7434")
    assert epochs_to_shrink(rate) == 24
    # "about (sqrt(kappa) + 1)/2 ln 1000 ... 27 for this valley"
    assert round((root + 1) / 2 * math.log(1000)) == 27
    run = momentum_descent(X.double(), Y.double(), lr=lr, epochs=101, momentum=mu, **START)
    d = [math.hypot(w - 1, b) for w, b in zip(run.weights, run.biases, strict=True)]
    count = arrived(run)
    assert count == 34 and lines[4] == f"the run: {count} epochs to shrink 1000-fold"
    factors = {k: d[k + 1] / d[k] for k in (25, 50, 100)}
    assert lines[5] == "its factor per epoch: " + ", ".join(
        f"{f:.4f} at {k}" for k, f in factors.items()
    )
    # "about 0.7434 (1 + 1/k): 0.7731 at epoch 25, 0.7582 at 50, 0.7508 at 100", from above.
    formula = {k: round(rate * (1 + 1 / k), 4) for k in factors}
    assert formula == {25: 0.7731, 50: 0.7582, 100: 0.7508}
    for k, factor in factors.items():
        assert rate < factor == pytest.approx(formula[k], rel=2e-3)
    # "several times sooner than the best single learning rate, and sooner than momentum 0.7
    # at lr = 0.15 on the previous page"
    plain = arrived(gradient_descent(X, Y, lr=best_lr(LAMS), epochs=300, **START))
    page = arrived(momentum_descent(X, Y, lr=0.15, epochs=300, momentum=0.7, **START))
    assert plain > 4 * count and page > count


def test_map_check_snippet_agrees_with_runs():
    lines = printed("map_check.py")
    assert len(lines) == 8
    for line in lines:
        found = re.search(r"map (\S+), run (\S+?)(,|$)", line)
        rate, measured = float(found[1]), float(found[2])
        # "to the fourth decimal or one unit in it"
        assert abs(rate - measured) <= 1.5e-4, line
        assert line.endswith(", diverged") == (rate > 1), line
    lrs = [0.05, 0.1, 0.15, 0.25]
    heavy = rate_map(lrs, [0.3], LAMS)[0].tolist()
    nesterov = rate_map(lrs, [0.7], LAMS, nesterov=True)[0].tolist()
    expected = [f"momentum 0.3, lr {lr:.2f}: map {r:.4f}" for lr, r in zip(lrs, heavy, strict=True)]
    expected += [
        f"Nesterov 0.7, lr {lr:.2f}: map {r:.4f}" for lr, r in zip(lrs, nesterov, strict=True)
    ]
    assert [line.split(", run")[0] for line in lines] == expected


def test_map_section_claims():
    # The band of rate sqrt(0.7) at momentum 0.7: from 0.111 to 0.304, both directions underdamped.
    low = (1 - math.sqrt(0.7)) ** 2 / LAMS[0]
    high = (1 + math.sqrt(0.7)) ** 2 / LAMS[1]
    assert (f"{low:.3f}", f"{high:.3f}") == ("0.111", "0.304")
    band = torch.linspace(low * 1.001, high * 0.999, 50).tolist()
    assert rate_map(band, [0.7], LAMS)[0].tolist() == pytest.approx([math.sqrt(0.7)] * 50)
    assert rate_map([low * 0.9], [0.7], LAMS)[0, 0] > math.sqrt(0.7)
    # "More momentum is not better": momentum 0.9 at lr 0.15, underdamped, rate 0.9487.
    assert [damping(0.15, 0.9, lam) for lam in LAMS] == ["underdamped"] * 2
    assert f"{momentum_rate(0.15, 0.9, LAMS):.4f}" == "0.9487" == f"{math.sqrt(0.9):.4f}"
    # The best pair is the smallest rate on the map.
    grid = rate_map(torch.linspace(0.005, 0.38, 76), torch.linspace(0, 0.95, 96), LAMS)
    assert float(grid.min()) >= momentum_rate(*best_momentum(LAMS), LAMS) - 1e-9
    # The figure's description: axes to 0.39 and 0.95, the star at (0.27, 0.55), Nesterov's
    # bound from 0.18 at momentum 0 to about 0.12 at 0.95.
    assert f"{1.1 * momentum_max_lr(0.95, LAMS):.2f}" == "0.39"
    assert [f"{v:.2f}" for v in best_momentum(LAMS)] == ["0.27", "0.55"]
    assert f"{momentum_max_lr(0.0, LAMS, nesterov=True):.2f}" == "0.18"
    assert f"{momentum_max_lr(0.95, LAMS, nesterov=True):.2f}" == "0.12"
    assert (
        momentum_rate(0.1, 0.7, LAMS, nesterov=True)
        < 1
        < momentum_rate(0.15, 0.7, LAMS, nesterov=True)
    )


def test_nesterov_section():
    assert printed("nesterov.py") == [
        "momentum 0.7: heavy ball stable below lr 0.3065, Nesterov below 0.1277",
        "ratio 2.40 = 1 + 2 * momentum",
        "Nesterov, lr 0.1: across, eigenvalues -0.3847+0.0000j and 0.1989+0.0000j; rate 0.9003",
        "Nesterov, lr 0.15: across, eigenvalues -1.4494+0.0000j and 0.3207+0.0000j; rate 1.4494",
    ]
    assert momentum_max_lr(0.7, LAMS) / momentum_max_lr(0.7, LAMS, nesterov=True) == pytest.approx(
        2.4
    )
    # At lr 0.15 Nesterov diverges while heavy ball converges.
    with pytest.warns(RuntimeWarning):
        assert momentum_descent(
            X, Y, lr=0.15, epochs=100, momentum=0.7, nesterov=True, **START
        ).diverged
    assert not momentum_descent(X, Y, lr=0.15, epochs=100, momentum=0.7, **START).diverged


def test_lab4_section():
    lines = printed("lab4.py")
    raw = lab4_curvatures(LAB4)
    scaled = lab4_curvatures((LAB4 - LAB4.mean(dim=0)) / LAB4.std(dim=0))
    expected = []
    for name, lams in [("raw", raw), ("standardised", scaled)]:
        kappa = lams[-1] / lams[0]
        expected.append(f"{name}: curvatures " + ", ".join(f"{lam:.4g}" for lam in lams))
        expected.append(f"  condition number {kappa:.4g}, its square root {kappa**0.5:.4g}")
        if name == "raw":
            course = epochs_to_shrink(descent_rate(1e-5, lams))
            expected.append(
                f"  plain descent, the course's lr 1e-05: {course} epochs to shrink 1000-fold"
            )
        lr = best_lr(lams)
        expected.append(
            f"  plain descent, best lr {lr:.4g}: {epochs_to_shrink(descent_rate(lr, lams))} epochs"
        )
        lr, mu = best_momentum(lams)
        fast = epochs_to_shrink(momentum_rate(lr, mu, lams))
        expected.append(f"  momentum, best pair ({lr:.4g}, {mu:.4f}): {fast} epochs")
    assert lines == expected
    kappa_raw, kappa_scaled = raw[-1] / raw[0], scaled[-1] / scaled[0]
    plain_raw = epochs_to_shrink(descent_rate(best_lr(raw), raw))
    fast_raw = epochs_to_shrink(momentum_rate(*best_momentum(raw), raw))
    plain_scaled = epochs_to_shrink(descent_rate(best_lr(scaled), scaled))
    fast_scaled = epochs_to_shrink(momentum_rate(*best_momentum(scaled), scaled))
    course = epochs_to_shrink(descent_rate(1e-5, raw))
    assert 1e6 <= kappa_raw < 1e7  # "in the millions"
    assert 1e7 <= plain_raw < 1e8  # "tens of millions"
    assert 0.9e8 < course < 1.2e8  # "about a hundred million"
    assert 1000 <= fast_raw < 10000  # "thousands"
    assert round(plain_raw / fast_raw, -2) == 2600  # "about 2600 times fewer"
    assert round(kappa_scaled) == 1276  # "about 1276, not 1"
    assert round(plain_scaled / fast_scaled) == 36  # "about 36 times fewer"
    assert plain_raw / fast_raw == pytest.approx(math.sqrt(kappa_raw), rel=0.01)
    assert plain_scaled / fast_scaled == pytest.approx(math.sqrt(kappa_scaled), rel=0.01)
    # The steepest direction moves the three weights together; the gentlest is almost the bias.
    xb = torch.cat([LAB4, torch.ones(5, 1, dtype=torch.float64)], dim=1)
    _, vectors = torch.linalg.eigh(2 / 5 * xb.T @ xb)
    steepest, gentlest = vectors[:, -1], vectors[:, 0]
    assert bool((steepest[:3] * steepest[0] > 0).all())
    assert abs(float(gentlest[3])) > 0.99
    # "strongly correlated": every pair of quiz scores.
    correlations = torch.corrcoef(LAB4.T)
    assert float(correlations[~torch.eye(3, dtype=torch.bool)].min()) > 0.88


def test_lab4_runs():
    lines = printed("lab4_run.py")
    epochs = [int(line.split("after ")[1].split()[0]) for line in lines]
    assert [line.split(":")[0] for line in lines] == ["plain", "momentum"]
    x = (LAB4 - LAB4.mean(dim=0)) / LAB4.std(dim=0)
    scaled = lab4_curvatures(x)
    predicted = [
        epochs_to_shrink(descent_rate(best_lr(scaled), scaled)),
        epochs_to_shrink(momentum_rate(*best_momentum(scaled), scaled)),
    ]
    # Plain descent needs fewer than predicted, momentum more; momentum > 10 times sooner.
    assert epochs[0] < predicted[0] and epochs[1] > predicted[1]
    assert epochs[0] > 10 * epochs[1]


def test_exercises_hold():
    # 1: momentum 0.9 at lr 0.15.
    assert [damping(0.15, 0.9, lam) for lam in LAMS] == ["underdamped"] * 2
    assert epochs_to_shrink(0.9487) == 132 == epochs_to_shrink(momentum_rate(0.15, 0.9, LAMS))
    assert 132 > 3 * 39
    # 2: centred inputs.
    centred = curvatures(X - X.mean())
    assert centred == pytest.approx((4 / 3, 2.0))
    assert best_lr(centred) == pytest.approx(0.6)
    assert descent_rate(0.6, centred) == pytest.approx(0.2)
    assert epochs_to_shrink(descent_rate(best_lr(centred), centred)) == 5
    lr, mu = best_momentum(centred)
    assert (f"{lr:.4f}", f"{mu:.4f}") == ("0.6061", "0.0102")
    rate = momentum_rate(lr, mu, centred)
    assert f"{rate:.4f}" == "0.1010" and epochs_to_shrink(rate) == 4
    # 3: the bounds at momentum 0.9, and a learning rate between them.
    heavy, nesterov = momentum_max_lr(0.9, LAMS), momentum_max_lr(0.9, LAMS, nesterov=True)
    assert (f"{heavy:.4f}", f"{nesterov:.4f}") == ("0.3426", "0.1223")
    assert heavy / nesterov == pytest.approx(2.8)
    assert not momentum_descent(X, Y, lr=0.2, epochs=200, momentum=0.9, **START).diverged
    with warnings.catch_warnings(record=True):
        run = momentum_descent(X, Y, lr=0.2, epochs=200, momentum=0.9, nesterov=True, **START)
    assert run.diverged


def test_rate_map_figure_draws_the_package_numbers():
    from site_figures import FIGURES, RATE_MAP_MARKS

    from gd_tutorial.plots import plot_rate_map

    assert "rate-map" in FIGURES
    fig = plot_rate_map(LAMS, RATE_MAP_MARKS)
    heavy_ax, nesterov_ax = fig.axes[:2]
    lines = {
        ax: {line.get_label(): line for line in ax.get_lines()} for ax in (heavy_ax, nesterov_ax)
    }
    lr, mu = best_momentum(LAMS)
    star = lines[heavy_ax]["best pair"]
    assert (list(star.get_xdata()), list(star.get_ydata())) == ([lr], [mu])
    for label, (mark_lr, mark_mu, nesterov) in RATE_MAP_MARKS.items():
        ax = nesterov_ax if nesterov else heavy_ax
        line = lines[ax][label]
        assert (list(line.get_xdata()), list(line.get_ydata())) == ([mark_lr], [mark_mu])
        assert label not in lines[heavy_ax if nesterov else nesterov_ax]
    for ax in (heavy_ax, nesterov_ax):
        for label, nesterov in (("heavy-ball bound", False), ("Nesterov bound", True)):
            bound = lines[ax][label]
            expected = [momentum_max_lr(m, LAMS, nesterov=nesterov) for m in bound.get_ydata()]
            assert list(bound.get_xdata()) == pytest.approx(expected)
    # The marks are the page's settings: the previous page's runs.
    assert RATE_MAP_MARKS["momentum 0.7, lr 0.15"] == (0.15, 0.7, False)
    assert RATE_MAP_MARKS["Nesterov 0.7, lr 0.15"] == (0.15, 0.7, True)


def test_korean_page_follows_the_korean_rules():
    text = (ROOT / "docs" / "ko" / "why-momentum.md").read_text(encoding="utf-8")
    for phrase in ("스텝을 밟", "우리 ", "주황빨강"):
        assert phrase not in text, phrase
    # No space between inline code or math and a following particle; numbers touch 에폭.
    particles = "은|는|이|가|을|를|의|에|와|과|로|으로|도|만"
    assert re.findall(rf"(?:`|\\\))[ ](?:{particles})[ .,]", text) == []
    assert re.findall(r"\d 에폭", text) == []
    # A gloss once per page.
    glosses = re.findall(r"[가-힣*]+\(([a-z][a-z -]+)\)", text)
    assert {g for g in glosses if glosses.count(g) > 1} == set()
    # The same snippets as the English page, in the same order.
    english = (ROOT / "docs" / "why-momentum.md").read_text(encoding="utf-8")
    include = re.compile(r'--8<-- "(docs/snippets/why-momentum/[^"]+)"')
    assert include.findall(text) == include.findall(english)
