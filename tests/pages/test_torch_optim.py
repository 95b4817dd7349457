"""Descent with torch.optim: the optimizer's log, its first step, zero_grad() and leaf tensors."""

from __future__ import annotations

import re

import pytest
import torch
from _site_text import formula_text, page_text, particle_gaps, source_text

from gd_tutorial import toy_data, train_with_optimizer


def test_torch_optim_page_shows_the_optimizer_log(site):
    x_train, y_train = toy_data()
    log = train_with_optimizer(x_train, y_train, lr=0.15, epochs=10).format_log()
    text = page_text(site, "torch-optim.ipynb")
    for line in log.splitlines():
        assert line in text


def test_torch_optim_page_shows_zero_grad_clearing_a_stored_gradient(site):
    text = page_text(site, "torch-optim.ipynb")
    x_train, y_train = toy_data()
    W = torch.zeros(1, requires_grad=True)
    torch.mean((x_train * W - y_train) ** 2).backward()
    stored = text.index(f"after backward():  W.grad = {W.grad}")
    cleared = text.index("after zero_grad(): W.grad = None")
    assert stored < cleared


def test_optimizer_refuses_a_non_leaf_tensor_on_the_torch_optim_page(site):
    non_leaf = torch.zeros(1, requires_grad=True) * 1
    with pytest.raises(ValueError) as error:
        torch.optim.SGD([non_leaf], lr=0.1)
    assert f"ValueError: {error.value}" in page_text(site, "torch-optim.ipynb")


def test_the_first_step_is_plus_1_4_and_the_new_w_is_1_4(site):
    x_train, y_train = toy_data()
    W = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([W], lr=0.15)
    torch.mean((x_train * W - y_train) ** 2).backward()
    assert W.grad.item() == pytest.approx(-28 / 3)
    step = -0.15 * W.grad.item()
    assert step == pytest.approx(1.4)
    optimizer.step()
    assert W.item() == pytest.approx(0 + step)
    english = formula_text(site, "torch-optim.ipynb")
    step_and_new_w = (
        "so the step is -0.15 \\cdot (-\\frac{28}{3}) = +1.4 and the new W is 0 + 1.4 = 1.4"
    )
    assert step_and_new_w in english
    assert "the step is 0 - 0.15" not in english  # that expression is the new W, not the step
    korean = formula_text(site, "ko/torch-optim.ipynb")
    assert "스텝은 -0.15 \\cdot (-\\frac{28}{3}) = +1.4이고, 새 W는 0 + 1.4 = 1.4입니다" in korean


def printed_weights(text: str, title: str) -> list[str]:
    """The W column of the six lines printed under ``title``."""
    block = text[text.rindex(title) :]  # the output, after the code that prints it
    return re.findall(r"step \d: (?:W\.grad +-?[\d.]+ +)?W +(-?[\d.]+)", block)[:6]


def test_forgetting_zero_grad_is_momentum_one_on_the_page(site):
    x_train, y_train = toy_data()
    W = torch.zeros(1, requires_grad=True)
    momentum = torch.optim.SGD([W], lr=0.15, momentum=1.0)
    V = torch.zeros(1, requires_grad=True)
    forgetful = torch.optim.SGD([V], lr=0.15)
    for _ in range(6):
        momentum.zero_grad()
        torch.mean((x_train * W - y_train) ** 2).backward()
        momentum.step()
        torch.mean((x_train * V - y_train) ** 2).backward()  # no zero_grad(): V.grad sums up
        forgetful.step()
        assert W.item() == pytest.approx(V.item(), abs=1e-6)
    for source in ("torch-optim.ipynb", "ko/torch-optim.ipynb"):
        text = page_text(site, source)
        without = printed_weights(text, "without zero_grad():")
        with_momentum = printed_weights(text, "momentum 1, with zero_grad():")
        assert len(without) == 6 and without == with_momentum, source
        assert without[-1] == f"{V.item():.4f}", source
    assert "momentum with \\mu = 1" in formula_text(site, "torch-optim.ipynb")
    assert "\\mu = 1인 모멘텀" in formula_text(site, "ko/torch-optim.ipynb")


def test_one_variable_derivative_is_written_with_d():
    for source in ("torch-optim.ipynb", "ko/torch-optim.ipynb"):
        assert "\\partial" not in source_text(source), source
        assert "\\frac{d \\operatorname{cost}}{dW}" in source_text(source), source


def test_korean_torch_optim_page_keeps_the_meaning_and_its_words():
    text = source_text("ko/torch-optim.ipynb")
    # The cell prints the lines where the two logs differ, not "lines the two logs print".
    assert "두 로그가 서로 다른 줄을 모두 출력하고" not in text
    assert "두 로그에서 내용이 다른 줄을 모두 출력하고" in text
    slips = (
        "찍히니까요",
        "`backward()`에게는",
        "밟",
        "평범한 SGD",
        "평범한 경사하강법",
        "우리 루프",
        "참 기울기",
    )
    for slip in slips:
        assert slip not in text, slip
    assert "기본 경사하강법" in text
    assert particle_gaps("ko/torch-optim.ipynb") == []
