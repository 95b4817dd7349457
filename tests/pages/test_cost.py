"""The cost page: the broadcast behind cost_curve, its shapes and reshape's -1."""

from __future__ import annotations

import re
from pathlib import Path

import torch
from _site_text import DOCS, formula_text, particle_gaps, source_text

from gd_tutorial import cost_curve, toy_data

CURVE = DOCS / "snippets/cost/curve.py"


def curve_weights() -> torch.Tensor:
    """The candidate weights of the page's snippet, `torch.linspace(-1, 3, steps=5)`."""
    start, end, steps = re.search(
        r"torch\.linspace\((-?\d+), (-?\d+), steps=(\d+)\)", Path(CURVE).read_text("utf-8")
    ).groups()
    return torch.linspace(int(start), int(end), steps=int(steps))


def test_the_summary_gives_the_shapes_cost_curve_broadcasts(site):
    x_train, y_train = toy_data()
    weights = curve_weights()
    n = len(weights)
    column, row = weights.reshape(-1, 1), x_train.reshape(1, -1)
    assert (column * row).shape == (n, 3)
    assert torch.allclose(
        torch.mean((column * row - y_train.reshape(1, -1)) ** 2, dim=1),
        cost_curve(weights, x_train, y_train),
    )
    # A row of weights times the column the data is stored as goes the other way round.
    assert (weights * x_train).shape == (3, n)
    english = formula_text(site, "cost.md")
    assert (
        "the weights as a column (n, 1) times the inputs as a row (1, 3) give predictions (n, 3)"
        in english
    )
    assert "(3, 1), would broadcast the other way round, to (3, n)" in english
    assert "weights (n,) times inputs gives predictions (n, 3)" not in english
    korean = formula_text(site, "ko/cost.md")
    assert "열로 세운 가중치 (n, 1)에 행으로 눕힌 입력 (1, 3)을 곱하면 예측값 (n, 3)이" in korean
    assert "반대 방향인 (3, n)으로 브로드캐스팅됩니다" in korean
    assert "가중치 (n,)에 입력을 곱하면 예측값 (n, 3)이 되고" not in korean


def test_the_page_explains_reshape_and_its_minus_one_with_the_snippets_numbers(site):
    weights = curve_weights()
    assert weights.reshape(-1, 1).shape == (len(weights), 1) == (5, 1)
    assert toy_data()[0].reshape(1, -1).shape == (1, 3)
    english = formula_text(site, "cost.md")
    assert 'the \u22121 means "as many rows as that takes"' in english
    assert f"here {len(weights)}, so the column has shape ({len(weights)}, 1)" in english
    korean = formula_text(site, "ko/cost.md")
    assert f"값의 개수(여기서는 {len(weights)})로부터" in korean
    assert f"열의 모양은 ({len(weights)}, 1)이 됩니다" in korean


def test_korean_cost_page_keeps_its_words():
    text = source_text("ko/cost.md")
    for slip in ("(the best model)", "우리 데이터"):
        assert slip not in text, slip
    assert particle_gaps("ko/cost.md") == []
