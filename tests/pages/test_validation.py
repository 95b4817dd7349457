"""What the page "Training and validation" claims, checked by running its snippets.

Each snippet is run as the page runs it; the numbers the prose states are asserted from its
output, and the least-squares slope against the package's own `closed_form_weight`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch
from _site_text import run_source

from gd_tutorial import closed_form_weight, noisy_data

DOCS = Path(__file__).parents[2] / "docs"
SNIPPETS = DOCS / "snippets" / "validation"
PAGES = [DOCS / "validation.md", DOCS / "ko" / "validation.md"]


def run(source: str) -> str:
    return run_source(source)[0]


def snippet(name: str) -> str:
    return (SNIPPETS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def overfit() -> str:
    return run(snippet("overfit.py"))


def epochs(output: str) -> list[tuple[int, float, float]]:
    rows = re.findall(r"epoch +(\d+): training +([\d.]+), validation +([\d.]+)", output)
    return [(int(e), float(t), float(v)) for e, t, v in rows]


def test_the_line_costs_the_page_states():
    output = run(snippet("split.py"))
    assert output.splitlines() == [
        "least-squares W = 1.9189",
        "training cost   = 0.7305",
        "validation cost = 0.9964",
        "the true line W = 2: validation cost 0.9789",
    ]
    x, y = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)
    assert closed_form_weight(x[:10], y[:10]) == pytest.approx(1.9189, abs=5e-5)
    # "only 0.0175 above the validation cost of the true line"
    assert round(0.9964 - 0.9789, 4) == 0.0175


def test_the_line_cannot_go_below_its_least_squares_training_cost():
    x, y = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)
    W = closed_form_weight(x[:10], y[:10])
    best = torch.mean((W * x[:10] - y[:10]) ** 2)
    for other in torch.linspace(0.0, 4.0, 401):
        assert torch.mean((other * x[:10] - y[:10]) ** 2) >= best - 1e-6


def test_training_cost_falls_while_validation_cost_rises(overfit):
    rows = epochs(overfit)
    assert [e for e, _, _ in rows] == [1, 10, 20, 40, 60, 100, 200, 400, 600]
    training = [t for _, t, _ in rows]
    assert training == sorted(training, reverse=True) and len(set(training)) == len(training)
    assert (training[0], training[-1]) == (24.4081, 0.1797)
    validation = {e: v for e, _, v in rows}
    after = [validation[e] for e in (40, 60, 100, 200, 400, 600)]
    assert after == sorted(after) and validation[600] == 10.4128
    # "falls only at first": down from epoch 1 to 20, lowest between 20 and 40.
    assert validation[1] > validation[10] > validation[20]
    # On the training cost the polynomial trained to the end beats the line's 0.7305.
    assert training[-1] < 0.7305


def test_early_stopping_keeps_epoch_28_and_restores_its_cost(overfit):
    lines = overfit.splitlines()
    assert lines[-2] == "best validation cost 1.7948 at epoch 28"
    assert lines[-1].startswith("restored: validation 1.7948,")
    # The polynomial's best is worse than the line's validation cost, 0.9964.
    assert 1.7948 > 0.9964


def test_without_clone_the_restored_model_is_the_last_one():
    source = snippet("overfit.py")
    assert "v.clone()" in source
    output = run(source.replace("v.clone()", "v"))
    assert "restored: validation 10.4128," in output


def test_a_line_with_a_bias_does_not_overfit():
    source = snippet("overfit.py")
    output = run(source.replace("Polynomial(degree=9)", "Polynomial(degree=1)"))
    rows = epochs(output)
    best = float(re.search(r"best validation cost ([\d.]+)", output).group(1))
    assert rows[-1][2] == pytest.approx(best, abs=0.01)


def test_both_pages_state_the_numbers_the_runs_print():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for number in (
            "1.9189",
            "0.0175",
            "0.7305",
            "24.4081",
            "0.1797",
            "1.7948",
            "10.4128",
            "0.9964",
        ):
            assert number in text, (page.name, number)
