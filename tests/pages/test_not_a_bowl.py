"""What the page "A cost that is not a bowl" claims, checked by running its snippets.

The snippets are run as the page runs them; the end points, curvatures and bounds the prose
states are asserted from their output, and the curvature by autograd against the second
derivative worked out by hand.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
import torch

DOCS = Path(__file__).parents[2] / "docs"
SNIPPETS = DOCS / "snippets" / "not-a-bowl"
PAGES = [DOCS / "not-a-bowl.md", DOCS / "ko" / "not-a-bowl.md"]


def run(name: str, extra: str = "") -> tuple[list[str], dict]:
    source = (SNIPPETS / name).read_text(encoding="utf-8") + extra
    out, namespace = io.StringIO(), {"__name__": "__main__"}
    with contextlib.redirect_stdout(out):
        exec(compile(source, name, "exec"), namespace)
    return out.getvalue().splitlines(), namespace


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
