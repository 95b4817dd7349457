"""What the page "A cost that is not a bowl" claims, checked by running its snippets.

The snippets are run as the page runs them; the end points, curvatures and bounds the prose
states are asserted from their output, and the curvature by autograd against the second
derivative worked out by hand.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
import torch
from _site_text import run_source
from site_figures import (
    FIGURES,
    WAVE_BOUND_RUNS,
    WAVE_BOUND_SHOWN,
    WAVE_BOUND_W,
    WAVE_GRID,
    WAVE_MOMENTUM_RUNS,
    WAVE_MOMENTUM_SHOWN,
    WAVE_MOMENTUM_W,
    WAVE_RUN,
    WAVE_STARTS,
    WAVE_STARTS_SHOWN,
    draw,
)

DOCS = Path(__file__).parents[2] / "docs"
SNIPPETS = DOCS / "snippets" / "not-a-bowl"
PAGES = [DOCS / "not-a-bowl.md", DOCS / "ko" / "not-a-bowl.md"]


def run(name: str, extra: str = "") -> tuple[list[str], dict]:
    printed, namespace = run_source((SNIPPETS / name).read_text(encoding="utf-8") + extra, name)
    return printed.splitlines(), namespace


def test_the_cost_has_four_minima_and_three_bumps_between_0_and_4_5():
    lines, _ = run("landscape.py")
    assert lines == [
        "minimum near w = 0.27: cost 0.2755",
        "bump    near w = 0.46: cost 0.2926",
        "minimum near w = 1.00: cost 0.0000",
        "bump    near w = 2.50: cost 1.3948",
        "minimum near w = 3.18: cost 0.5110",
        "bump    near w = 3.79: cost 1.0803",
        "minimum near w = 4.13: cost 0.9705",
    ]
    assert round(0.2926 - 0.2755, 4) == 0.0171  # "only 0.0171 above"


def test_eight_starts_end_at_four_minima():
    lines, _ = run("starts.py")
    ends = [line.split("ends at w = ")[1] for line in lines]
    assert ends == [
        "0.2749, cost 0.2755",
        "0.2749, cost 0.2755",
        "1.0000, cost 0.0000",
        "1.0000, cost 0.0000",
        "1.0000, cost 0.0000",
        "3.1813, cost 0.5110",
        "3.1813, cost 0.5110",
        "4.1326, cost 0.9704",
    ]


def test_a_smaller_learning_rate_ends_in_the_same_dip():
    _, namespace = run("starts.py")
    assert round(namespace["descend"](0.0, lr=0.01, epochs=2000)[-1], 4) == 0.2749


def second_derivative(w: float) -> float:
    """d^2/dw^2 of mean((sin(w x) - sin x)^2), by hand."""
    x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
    r = torch.sin(w * x) - torch.sin(x)
    return (2 * torch.mean(x**2 * torch.cos(w * x) ** 2 - r * x**2 * torch.sin(w * x))).item()


def test_the_curvature_changes_with_w_and_matches_the_hand_derivative():
    lines, _ = run("curvature.py")
    expected = {
        0.0: "9.333, 2/L = 0.214",
        0.275: "3.345, 2/L = 0.598",
        0.46: "-2.864, no bound: the cost bends down here",
        1.0: "6.537, 2/L = 0.306",
        1.5: "-3.492, no bound: the cost bends down here",
        2.5: "-7.802, no bound: the cost bends down here",
        3.18: "9.209, 2/L = 0.217",
    }
    assert [line.split("second derivative")[1].strip() for line in lines] == list(expected.values())
    for w, text in expected.items():
        assert second_derivative(w) == pytest.approx(float(text.split(",")[0]), abs=5e-3)
    # Where the bouncing run turns on the left, the cost bends far less than at w = 1.
    assert round(second_derivative(0.8456), 3) == 2.759


def test_above_the_bound_the_run_bounces_for_ever_and_the_worse_minimum_holds():
    lines, namespace = run("bound.py")
    assert lines == [
        "start 0.9, lr 0.30: the last four w are 1.0000, 1.0000, 1.0000, 1.0000",
        "start 0.9, lr 0.35: the last four w are 1.1108, 0.8456, 1.1108, 0.8456",
        "start 0.4, lr 0.35: the last four w are 0.2749, 0.2749, 0.2749, 0.2749",
    ]
    # Bouncing, not diverging: 1000 epochs later the run still swings between the same two.
    late = namespace["descend"](0.9, 0.35, epochs=1200)[-2:]
    assert sorted(round(w, 4) for w in late) == [0.8456, 1.1108]
    # Exercise 2: from w = 0 at lr = 0.3 (above 2/L = 0.214 there) the run ends at w = 1.
    assert namespace["descend"](0.0, 0.3)[-1] == pytest.approx(1.0, abs=1e-4)
    assert 2 / 9.333 < 0.3 < 2 / 6.537


def test_momentum_carries_one_run_over_the_bump_and_another_out_of_the_best_minimum():
    lines, _ = run("momentum.py")
    assert lines == [
        "start 0.0, momentum 0.0: ends at w = 0.2749 (visited 0.000 to 0.275)",
        "start 0.0, momentum 0.7: ends at w = 1.0000 (visited 0.000 to 1.137)",
        "start 2.0, momentum 0.0: ends at w = 1.0000 (visited 1.000 to 2.000)",
        "start 2.0, momentum 0.8: ends at w = 0.2749 (visited 0.215 to 2.000)",
    ]


def test_both_pages_state_the_numbers_the_runs_print():
    numbers = ["0.0171", "0.2755", "0.5110", "0.9704", "6.537", "3.345", "0.306", "0.598"]
    numbers += ["2.759", "0.01", "0.8456", "1.1108", "0.215", "2.50", "0.46"]
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for number in numbers:
            assert number in text, (page.name, number)


# --- the figures: the same runs as the snippets, and what their alt texts and prose say ------


def test_the_snippets_repeat_the_figures_settings():
    landscape = (SNIPPETS / "landscape.py").read_text(encoding="utf-8")
    assert "torch.linspace({:.1f}, {:.1f}, {})".format(*WAVE_GRID) in landscape
    starts = (SNIPPETS / "starts.py").read_text(encoding="utf-8")
    assert f"for w0 in {list(WAVE_STARTS)}:" in starts
    settings = f"lr={WAVE_RUN['lr']}, epochs={WAVE_RUN['epochs']}"
    assert f"def descend(w0, {settings}, momentum=0.0):" in starts
    momentum = (SNIPPETS / "momentum.py").read_text(encoding="utf-8")
    assert f"def descend(w0, momentum, {settings}):" in momentum
    assert f"for w0, momentum in {list(WAVE_MOMENTUM_RUNS.values())}:" in momentum
    labels = [f"{'plain' if m == 0 else f'momentum {m}'}, from w = {w0:g}" for w0, m in
              WAVE_MOMENTUM_RUNS.values()]  # fmt: skip
    assert list(WAVE_MOMENTUM_RUNS) == labels
    bound = (SNIPPETS / "bound.py").read_text(encoding="utf-8")
    runs = ", ".join(f"({w0}, {lr:.2f})" for w0, lr in sorted(WAVE_BOUND_RUNS, key=lambda r: r[1]))
    assert f"for w0, lr in [{runs}]:" in bound  # the same runs; the figure draws the bouncing first
    assert "def descend(w0, lr, epochs=200):" in bound


def figure_texts(name: str, suffix: str = "") -> list[str]:
    upper, lower = draw(name, suffix).axes
    return [text.get_text() for text in upper.texts] + [upper.get_title(), lower.get_title()]


def test_the_figures_mark_the_minima_and_bumps_the_landscape_prints():
    lines, _ = run("landscape.py")
    minima = [line.split("w = ")[1][:4] for line in lines if line.startswith("minimum")]
    bumps = [line.split("w = ")[1][:4] for line in lines if line.startswith("bump")]
    assert minima == ["0.27", "1.00", "3.18", "4.13"] and bumps == ["0.46", "2.50", "3.79"]
    assert figure_texts("not-a-bowl-starts") == [
        *minima,
        *bumps,
        "8 starts, lr = 0.1, 200 epochs",
        "w per epoch: the first 40 of 200 epochs",
    ]
    assert (len(WAVE_STARTS), WAVE_STARTS_SHOWN, WAVE_RUN["epochs"]) == (8, 40, 200)
    assert figure_texts("not-a-bowl-momentum") == [
        "0.27",
        "1.00",
        "0.46",
        "lr = 0.1, 200 epochs, plain and with momentum",
        "w per epoch: the first 60 of 200 epochs",
    ]
    assert (WAVE_MOMENTUM_W, WAVE_MOMENTUM_SHOWN) == (2.2, 60)
    # The bound figure names the bound at w = 1 that the curvature snippet prints.
    curvature_lines, _ = run("curvature.py")
    (at_one,) = [line for line in curvature_lines if line.startswith("w = 1.000")]
    assert at_one.endswith("2/L = 0.306")
    assert figure_texts("not-a-bowl-bound") == [
        "0.27",
        "1.00",
        "0.46",
        "200 epochs; at w = 1, 2/L = 0.306",
        "w per epoch: the first 30 of 200 epochs",
    ]
    assert (WAVE_BOUND_W, WAVE_BOUND_SHOWN) == (1.5, 30)
    assert figure_texts("not-a-bowl-momentum", "-ko")[-2:] == [
        "lr = 0.1, 200에폭, 기본 경사하강법과 모멘텀",
        "에폭마다의 w: 200에폭 중 처음 60에폭",
    ]


def bumps_of_the_landscape() -> list[float]:
    lines, _ = run("landscape.py")
    return [float(line.split("w = ")[1][:4]) for line in lines if line.startswith("bump")]


def test_no_run_from_the_eight_starts_crosses_a_bump_and_all_settle_by_epoch_20():
    _, namespace = run("starts.py")
    bumps = bumps_of_the_landscape()
    settled = []
    for w0 in WAVE_STARTS:
        visited = namespace["descend"](w0)
        for bump in bumps:  # every w of the run on the side of the bump where it started
            assert all((w < bump) == (w0 < bump) for w in visited), (w0, bump)
        end = visited[-1]
        settled.append(next(k for k in range(len(visited)) if all(
            abs(w - end) < 0.001 for w in visited[k:])))  # fmt: skip
    assert max(settled) == 20  # "by epoch 20 every run is within 0.001 of where it ends"
    assert max(settled) < WAVE_STARTS_SHOWN  # so the figure's 40 epochs show every run settled
    # The alt text: which starts end at which minimum, by the figure's labels.
    ends = {w0: f"{namespace['descend'](w0)[-1]:.2f}" for w0 in WAVE_STARTS}
    assert ends == {0.0: "0.27", 0.4: "0.27", 0.6: "1.00", 1.5: "1.00", 2.4: "1.00",
                    2.6: "3.18", 3.5: "3.18", 4.5: "4.13"}  # fmt: skip


def test_the_momentum_figures_runs_do_what_its_alt_text_says():
    _, namespace = run("momentum.py")
    (bump,) = [b for b in bumps_of_the_landscape() if b < WAVE_MOMENTUM_W]
    runs = [namespace["descend"](w0, momentum) for w0, momentum in WAVE_MOMENTUM_RUNS.values()]
    plain_0, momentum_0, plain_2, momentum_2 = runs
    assert max(plain_0) < bump and f"{plain_0[-1]:.2f}" == "0.27"  # stops short of the bump
    top = momentum_0.index(max(momentum_0))
    assert all(a < b for a, b in pairwise(momentum_0[: top + 1]))
    assert f"{max(momentum_0):.3f}" == "1.137" and f"{momentum_0[-1]:.2f}" == "1.00"
    assert all(a >= b for a, b in pairwise(plain_2))  # down, and stays
    assert f"{plain_2[-1]:.2f}" == "1.00" and min(plain_2) > bump
    low = momentum_2.index(min(momentum_2))  # straight down through 1.00 and over the bump
    assert all(a > b for a, b in pairwise(momentum_2[: low + 1]))
    assert f"{min(momentum_2):.3f}" == "0.215" and f"{momentum_2[-1]:.2f}" == "0.27"
    assert max(momentum_2[low:]) < bump  # a few swings around 0.27, below the bump
    assert low < WAVE_MOMENTUM_SHOWN and top < WAVE_MOMENTUM_SHOWN  # both inside the figure


def test_the_bound_figures_runs_do_what_its_alt_text_says():
    _, namespace = run("bound.py")
    bouncing, settling, other = (namespace["descend"](w0, lr) for w0, lr in WAVE_BOUND_RUNS)
    shown = WAVE_BOUND_SHOWN + 1
    for visited in (bouncing, settling):  # each epoch on the other side of w = 1
        assert all((a - 1) * (b - 1) < 0 for a, b in pairwise(visited[:shown]))
    swings = [abs(w - 1) for w in bouncing[:shown]]
    assert swings[0] < swings[4] < swings[6]  # the swing grows for a few epochs
    late = {f"{w:.4f}" for w in bouncing[7:shown]}
    assert late == {"0.8456", "1.1108"}  # then keeps the same size
    pairs = [max(abs(w - 1) for w in settling[k : k + 2]) for k in range(0, shown - 1, 2)]
    assert all(b < a for a, b in pairwise(pairs))  # the swing at lr 0.30 shrinks
    assert all(f"{w:.2f}" == "0.27" for w in other[4:])  # within a few epochs, and stays


def test_both_pages_show_the_figures_and_state_their_numbers():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for name in ("not-a-bowl-starts", "not-a-bowl-bound", "not-a-bowl-momentum"):
            assert name in FIGURES and f"figures/{name}.svg)" in text, (page.name, name)
        for number in ["0.27", "1.00", "3.18", "4.13", "3.79", "2.2", "1.137", "0.001"]:
            assert number in text, (page.name, number)
    english, korean = (page.read_text(encoding="utf-8") for page in PAGES)
    assert "the first 40 of the 200 epochs" in english and "by epoch 20" in english
    assert "the first 60 of their\n200 epochs" in english and "from 0 to 1.5" in english
    assert "the first 30 of their 200\nepochs" in english
    assert "0에서 1.5까지" in korean and "처음 30에폭" in korean
    assert "처음 40에폭" in korean and "20에폭이 되면" in korean and "처음 60에폭" in korean
