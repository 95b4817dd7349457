"""What the page "Adagrad and RMSProp" claims, checked by running its snippets.

Each snippet is run as the page runs it; the numbers the prose states are asserted from its
output, from the package's descents and from torch.optim, and every learning rate the tables
use is checked to be the best of the grid the page names.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import warnings
from pathlib import Path

import pytest
import torch
from _site_text import run_source

from gd_tutorial import (
    DivergenceWarning,
    adagrad_descent,
    adam_descent,
    gradient_descent,
    momentum_descent,
    rmsprop_descent,
    rules,
    toy_data,
)

DOCS = Path(__file__).parents[2] / "docs"
SNIPPETS = DOCS / "snippets" / "adagrad-rmsprop"
PAGES = [DOCS / "adagrad-rmsprop.md", DOCS / "ko" / "adagrad-rmsprop.md"]
VALLEY = {"w0": -1.0, "b0": 2.0}
LAB4_X = torch.tensor([[73.0, 80, 75], [93, 88, 93], [89, 91, 90], [96, 98, 100], [73, 66, 70]])
LAB4_Y = torch.tensor([[152.0], [185], [180], [196], [142]])
VALLEY_GRID = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0, 1.5, 2.0, 3.0]
LAB4_GRID = [1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
METHODS = {
    "plain": (gradient_descent, {}),
    "momentum 0.7": (momentum_descent, {"momentum": 0.7}),
    "Adam": (adam_descent, {}),
    "Adagrad": (adagrad_descent, {}),
    "RMSProp": (rmsprop_descent, {}),
}


def run(name: str) -> list[str]:
    return run_source((SNIPPETS / name).read_text(encoding="utf-8"), name)[0].splitlines()


def pages_state(*numbers: str) -> None:
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for number in numbers:
            assert number in text, (page.name, number)


@pytest.mark.parametrize(
    ("snippet", "descent", "lr", "optimizer"),
    [
        ("adagrad_by_hand.py", adagrad_descent, 1.5, "Adagrad"),
        ("rmsprop_by_hand.py", rmsprop_descent, 0.15, "RMSprop"),
    ],
)
def test_the_rule_by_hand_takes_torch_optims_steps_and_the_packages(
    snippet, descent, lr, optimizer
):
    lines = run(snippet)
    history = descent(*toy_data(), lr=lr, epochs=60, **VALLEY)
    for line, t in zip(lines, (1, 2, 3, 60), strict=False):
        W, b = history.weights[t], history.biases[t]
        assert line == f"step {t:2d}: W = {W:8.5f}, b = {b:8.5f}"
    # The first step moves both by 1.5: lr for Adagrad, 10 * lr for RMSprop.
    assert lines[0] == "step  1: W =  0.50000, b =  3.50000"
    largest = float(lines[-1].split(": ")[1])
    assert lines[-1].startswith(f"largest difference from torch.optim.{optimizer} in 60 steps")
    assert largest == pytest.approx(2**-22, rel=1e-2)  # one float32 step in [2, 4)
    assert round(history.gradients[0], 2) == -10.67 and history.bias_gradients[0] == -4.0
    pages_state("2.38e-07", "\N{MINUS SIGN}10.67", "1.5")
    if snippet == "rmsprop_by_hand.py":  # its second step is close to Adagrad's at lr = 1.5
        assert lines[1] == "step  2: W = -0.49057, b =  2.32640"
        assert run("adagrad_by_hand.py")[1] == "step  2: W = -0.48776, b =  2.32870"
        pages_state("\N{MINUS SIGN}0.49057", "\N{MINUS SIGN}0.48776")


def test_adagrads_rates_only_fall_and_at_lr_0_15_it_stalls():
    lines = run("adagrad_shrinks.py")
    assert lines[0] == "plain, lr 0.15: after 60 epochs W 0.8828, b 0.2664, cost 0.010182"
    rates, lr = {}, None
    for line in lines[1:]:
        if line.startswith("Adagrad, lr "):
            lr = float(line.removeprefix("Adagrad, lr ").rstrip(":"))
        found = re.fullmatch(
            r"  epoch +\d+: lr/sqrt\(G\) for W ([\d.]+), for b ([\d.]+); cost ([\d.]+)", line
        )
        if found:
            rates.setdefault(lr, []).append(tuple(float(v) for v in found.groups()))
    slow, fast = rates[0.15], rates[1.5]
    assert [r[0] for r in slow] == [0.0141, 0.0109, 0.0084, 0.0070, 0.0068]
    assert (fast[-1][0], fast[-1][1], fast[-1][2]) == (0.0998, 0.2200, 0.005257)
    assert slow[-1][2] == 0.756835
    assert lines[7] == "  after 60 epochs W -0.0368, b 2.2741"
    # The rates never rise, epoch by epoch, over a long run (the sum only grows).
    history = adagrad_descent(*toy_data(), lr=0.15, epochs=1000, **VALLEY)
    sums = torch.cumsum(torch.tensor(history.gradients, dtype=torch.float64) ** 2, 0)
    assert bool((sums[1:] >= sums[:-1]).all())
    # "less than a tenth of 0.15", "22 times smaller", "about half of plain descent's"
    assert slow[0][0] < 0.015 and round(0.15 / 0.0068) == 22
    assert 0.4 < 0.005257 / 0.010182 < 0.6
    assert round(32 / 3, 1) == 10.7  # the first gradient of W in size
    pages_state("0.0141", "0.0068", "0.756835", "0.010182", "0.0998", "0.2200", "0.005257")
    pages_state("-0.0368", "2.2741")


def test_rmsprops_rate_climbs_back_and_the_run_never_settles():
    lines = run("rmsprop_forgets.py")
    assert lines[1].startswith("epoch   10: lr/sqrt(v) for W 0.1043")
    assert lines[3].startswith("epoch  100: lr/sqrt(v) for W 0.1634")
    assert lines[-3] == "lowest cost 8.32e-08, at epoch 182"
    assert lines[-2] == "from epoch 500 on the cost swings between 0.0148 and 0.1481"
    assert lines[-1] == "smallest sqrt(v) of the run: 3.48e-01, against eps = 1e-8"
    pages_state("0.1043", "0.1634", "8.32e-08", "182", "0.0148", "0.1481", "0.348")


def test_rmsprop_is_adam_with_beta1_0_up_to_the_correction_of_v():
    lines = run("rmsprop_vs_adam.py")
    ratios = [float(line.split("ratio ")[1].split(",")[0]) for line in lines[:-1]]
    corrections = [float(line.split("correction ")[1]) for line in lines[:-1]]
    assert ratios[0] == corrections[0] == 10.0
    assert (ratios[1], corrections[1]) == (8.23, 7.089)
    assert corrections[-1] == 1.0
    assert lines[-1] == "cost after 1000 steps: RMSprop 0.0586, Adam with beta1 = 0 0.0617"
    # RMSprop at step 1000 still moves more than lr = 0.15 ("about the learning rate's size").
    assert float(lines[-2].split("moves ")[1].split(",")[0]) == 0.2207
    # The page's formula: Adam with betas (0, rho) steps lr * sqrt(1 - rho^t) * g over
    # sqrt(v) + eps * sqrt(1 - rho^t), v being RMSprop's average, checked against torch.optim.
    q = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    adam = torch.optim.Adam([q], lr=0.1, betas=(0.0, 0.99), eps=1e-8)
    p, v = 0.5, 0.0
    for t in range(1, 30):
        g = math.sin(t) + 0.3
        q.grad = torch.tensor(g, dtype=torch.float64)
        adam.step()
        v = 0.99 * v + 0.01 * g * g
        scale = math.sqrt(1 - 0.99**t)
        p -= 0.1 * scale * g / (math.sqrt(v) + 1e-8 * scale)
        assert q.item() == pytest.approx(p, rel=1e-12)
    pages_state("10.000", "8.230", "7.089", "1.000", "0.0586", "0.0617")


def best_lr(grid, descent, settings, cost_at, **start):
    costs = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        for lr in grid:
            history = descent(**start, lr=lr, **settings)
            costs[lr] = math.inf if history.diverged else history.costs[cost_at]
    return min(costs, key=costs.get), costs


def test_the_valley_table_and_its_learning_rates_the_best_of_the_grid():
    lines = run("valley_table.py")
    assert lines[1:] == [
        "plain, lr 0.15               1.02e-02    8.05e-14",
        "momentum 0.7, lr 0.2         3.15e-09    2.49e-14",
        "Adam, lr 0.3                 1.15e-03    0.00e+00",
        "Adagrad, lr 1.5              5.26e-03    0.00e+00",
        "RMSProp, lr 0.15             2.18e-03    5.91e-02",
    ]
    x, y = toy_data()
    chosen = {"plain": 0.15, "momentum 0.7": 0.2, "Adam": 0.3, "Adagrad": 1.5, "RMSProp": 0.15}
    for name, (descent, settings) in METHODS.items():
        start = {"x": x, "y": y, "epochs": 60, **VALLEY}
        lr, _ = best_lr(VALLEY_GRID, descent, settings, 60, **start)
        assert lr == chosen[name], name
    # At every learning rate of the grid, RMSprop's cost after 1000 epochs is above 1e-4.
    for lr in VALLEY_GRID:
        history = rmsprop_descent(x, y, lr=lr, epochs=1000, **VALLEY)
        assert history.costs[-1] > 1e-4, lr
    pages_state("1.02e-02", "5.26e-03", "2.18e-03", "1.15e-03", "3.15e-09", "5.91e-02", "1e-4")


def test_the_lab4_table_on_raw_scores_and_its_learning_rates_the_best_of_the_grid():
    lines = run("lab4_table.py")
    assert lines == [
        "least-squares cost 0.104326",
        "plain, lr 3e-5         cost after 1000 epochs 0.5625,  5.39 x least squares",
        "momentum 0.7, lr 3e-5  cost after 1000 epochs 0.2711,  2.60 x least squares",
        "Adam, lr 1             cost after 1000 epochs 0.1195,  1.15 x least squares",
        "Adagrad, lr 1          cost after 1000 epochs 0.4669,  4.48 x least squares",
        "RMSProp, lr 3e-3       cost after 1000 epochs 1.2828, 12.30 x least squares",
    ]
    chosen = {"plain": 3e-5, "momentum 0.7": 3e-5, "Adam": 1.0, "Adagrad": 1.0, "RMSProp": 3e-3}
    for name, (descent, settings) in METHODS.items():
        start = {"x": LAB4_X, "y": LAB4_Y, "epochs": 1000, "b0": 0.0}
        lr, costs = best_lr(LAB4_GRID, descent, settings, -1, **start)
        assert lr == chosen[name], name
        assert costs[lr] > 1.01 * 0.104326  # none within 1% of the least-squares cost
    assert len(LAB4_GRID) == 15 and round(1 / 3e-5) > 30_000
    assert LAB4_X.min().item() == 66 and LAB4_X.max().item() == 100
    pages_state("1.15", "2.60", "4.48", "5.39", "12.30", "30,000", "592")


def test_standardised_plain_descent_comes_within_1_percent_in_592_epochs():
    source = (DOCS / "snippets" / "several-inputs" / "standardised_run.py").read_text("utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, "standardised_run.py", "exec"), {"__name__": "__main__"})
    assert "after 592 epochs" in out.getvalue().splitlines()[-1]


def test_exercises_adagrads_steady_steps_rmsprops_first_step_and_adams_momentum():
    step, W = rules.adagrad(), [torch.tensor(0.0, dtype=torch.float64)]
    moves = []
    for _ in range(100):
        new = step(W, [torch.tensor(-2.0, dtype=torch.float64)], 0.5)
        moves.append((new[0] - W[0]).item())
        W = new
    assert moves[0] == pytest.approx(0.5) and moves[99] == pytest.approx(0.05)
    x, y = toy_data()
    first = rmsprop_descent(x, y, lr=0.01, epochs=1, alpha=0.9).weights[1]
    assert round(first, 4) == 0.0316 and round(1 / math.sqrt(0.1), 3) == 3.162
    ends = {
        betas: adam_descent(x, y, lr=0.3, epochs=1000, betas=betas, **VALLEY).costs[-1]
        for betas in ((0.9, 0.99), (0.0, 0.999))
    }
    assert f"{ends[(0.9, 0.99)]:.2e}" == "0.00e+00" and f"{ends[(0.0, 0.999)]:.2e}" == "4.59e-02"
    pages_state("0.0316", "3.162", "0.00e+00", "4.59e-02")


def test_the_figure_draws_the_pages_runs_and_its_alt_text_says_where_they_end():
    from site_figures import ADAPTIVE_RUNS, VALLEY_EPOCHS, VALLEY_START

    assert VALLEY_START == VALLEY and VALLEY_EPOCHS == 60
    x, y = toy_data()
    ends = {}
    for label, (descent, settings) in ADAPTIVE_RUNS.items():
        history = descent(x, y, epochs=60, **VALLEY, **settings)
        ends[label] = (history.weights[-1], history.biases[-1])
    assert list(ends) == ["plain, lr 0.15", "Adagrad, lr 0.15", "RMSProp, lr 0.15", "Adam, lr 0.3"]
    # Adagrad's first step moves W and b by the same amount, and its steps shorten.
    adagrad = adagrad_descent(x, y, lr=0.15, epochs=60, **VALLEY)
    assert adagrad.weights[1] - adagrad.weights[0] == pytest.approx(0.15)
    assert adagrad.biases[1] - adagrad.biases[0] == pytest.approx(0.15)
    steps = [
        math.hypot(w1 - w0, b1 - b0)
        for w0, w1, b0, b1 in zip(
            adagrad.weights, adagrad.weights[1:], adagrad.biases, adagrad.biases[1:], strict=False
        )
    ]
    assert steps[-1] < steps[0] / 4
    # "near W = 0, b = 2.3, far from the minimum"; RMSProp and Adam end near it, plain short.
    W, b = ends["Adagrad, lr 0.15"]
    assert abs(W) < 0.05 and round(b, 1) == 2.3
    distance = {label: math.hypot(w - 1, b) for label, (w, b) in ends.items()}
    assert distance["RMSProp, lr 0.15"] < 0.15 and distance["Adam, lr 0.3"] < 0.15
    assert distance["plain, lr 0.15"] > 0.25 and distance["Adagrad, lr 0.15"] > 2
    # RMSProp's first point after the start: W = 0.5, b = 3.5.
    rmsprop = rmsprop_descent(x, y, lr=0.15, epochs=1, **VALLEY)
    assert (rmsprop.weights[1], rmsprop.biases[1]) == pytest.approx((0.5, 3.5))
