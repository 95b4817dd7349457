"""What the page "Learning-rate schedules" claims, checked by running its snippets.

Each snippet is run as the page runs it; the distances, rates and differences the prose states
are asserted from its output, from the package, and from ``torch.optim.lr_scheduler`` itself.
(The module is not called test_schedules.py: that basename is the package's schedule tests.)
"""

from __future__ import annotations

import contextlib
import io
import itertools
import re
import textwrap
import warnings
from pathlib import Path

import pytest
import torch
from _site_text import particle_gaps, run_source
from torch.optim.lr_scheduler import CosineAnnealingLR, StepLR

from gd_tutorial import (
    closed_form_weight,
    cosine_schedule,
    gradient_descent,
    noisy_data,
    step_schedule,
    warmup_schedule,
)

DOCS = Path(__file__).parents[2] / "docs"
SNIPPETS = DOCS / "snippets" / "lr-schedules"
PAGES = [DOCS / "lr-schedules.md", DOCS / "ko" / "lr-schedules.md"]


def run(name: str, source: str | None = None) -> list[str]:
    source = (SNIPPETS / name).read_text(encoding="utf-8") if source is None else source
    return run_source(source, name)[0].splitlines()


def data() -> tuple[torch.Tensor, torch.Tensor]:
    return noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)


@pytest.fixture(scope="module")
def settle() -> dict[str, list[float]]:
    """The table of settle.py: for each schedule, the distances after 10, 20, 30 epochs and
    the largest distance over the last 5 epochs."""
    lines = run("settle.py")
    assert lines[0] == "best W* = 1.9434; lr = 0.05, batches of 5, 30 epochs"
    rows = {}
    for line in lines[2:]:
        rows[line[:24].strip()] = [float(n) for n in line[24:].split()]
    return rows


def test_a_constant_rate_wanders_and_both_decays_settle(settle):
    assert settle == {
        "constant lr": [0.0373, 0.0068, 0.0476, 0.1647],
        "step_schedule(10)": [0.0373, 0.0014, 0.0011, 0.0030],
        "cosine_schedule(30)": [0.0319, 0.0140, 0.0004, 0.0084],
        "warmup_schedule(0.1, 5)": [0.0373, 0.0068, 0.0476, 0.1647],
        "step_schedule(2)": [0.0503, 0.0503, 0.0503, 0.0503],
    }
    constant = settle["constant lr"]
    assert constant[2] > constant[1]  # farther after 30 epochs than after 20: wandering
    # "with either decay it stayed within 0.0084"
    assert max(settle["step_schedule(10)"][3], settle["cosine_schedule(30)"][3]) == 0.0084
    # Neither decay wins on both measures: StepLR over the last 5 epochs, the cosine at the end.
    assert settle["step_schedule(10)"][3] < settle["cosine_schedule(30)"][3]
    assert settle["cosine_schedule(30)"][2] < settle["step_schedule(10)"][2]
    # The early decay stays farther than the constant run after 10, 20 and 30 epochs.
    assert all(d < 0.0503 for d in constant[:3])


def test_with_seed_3_the_cosine_is_closer_on_both_measures():
    x, y = data()
    W_best = closed_form_weight(x, y)
    measures = {}
    for name, schedule in (("step", step_schedule(10)), ("cosine", cosine_schedule(30))):
        run = gradient_descent(x, y, 0.05, 30, batch_size=5, seed=3, schedule=schedule)
        W = torch.tensor(run.weights)
        last5 = (W[-20:] - W_best).abs().max().item()
        measures[name] = (round(last5, 4), round(abs(W[-1].item() - W_best), 4))
    assert measures == {"step": (0.0076, 0.0064), "cosine": (0.0030, 0.0004)}


def test_the_rates_of_the_last_five_epochs_of_each_decay():
    lr = 0.05
    assert [lr * step_schedule(10, gamma=0.1)(k) for k in range(25, 30)] == pytest.approx(
        [0.0005] * 5
    )
    cosine = [lr * cosine_schedule(30)(k) for k in range(25, 30)]
    assert [round(r, 4) for r in cosine] == [0.0033, 0.0022, 0.0012, 0.0005, 0.0001]
    # step_schedule(2) is at a hundredth of the rate from epoch 4 (after 4 epochs).
    assert [step_schedule(2, gamma=0.1)(k) for k in range(6)] == pytest.approx(
        [1, 1, 0.1, 0.1, 0.01, 0.01]
    )
    # warmup_schedule(0.1, 5) is at the full rate from epoch 5.
    assert [warmup_schedule(0.1, 5)(k) for k in range(4, 7)] == pytest.approx([0.82, 1, 1])


def test_after_the_warm_up_the_run_is_the_constant_run_bit_for_bit():
    x, y = data()
    constant = gradient_descent(x, y, 0.05, 30, batch_size=5)
    warm = gradient_descent(x, y, 0.05, 30, batch_size=5, schedule=warmup_schedule(0.1, 5))
    assert warm.weights[40:] == constant.weights[40:]  # from the end of epoch 10 on
    assert warm.weights[20] != constant.weights[20]  # but not at the end of epoch 5
    # Exercise 3: the 20 steps of epochs 5 to 9 multiply a difference by less than 1e-9.
    generator = torch.Generator().manual_seed(0)
    factor = 1.0
    for epoch in range(10):
        for batch in torch.randperm(20, generator=generator).split(5):
            if epoch >= 5:
                factor *= abs(1 - 0.05 * 2 * torch.mean(x[batch] ** 2).item())
    assert factor < 1e-9
    gap = abs(warm.weights[20] - constant.weights[20])
    assert gap * factor < torch.finfo(torch.float32).eps  # below float32's step near 1.94


def test_the_three_schedulers_rates_per_epoch():
    lines = run("schedulers.py")
    assert lines[0] == "epoch   StepLR   CosineAnnealingLR   LinearLR"
    rows = [[float(v) for v in line.split()[1:]] for line in lines[1:]]
    step, cosine, linear = zip(*rows, strict=True)
    assert step == (0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125)
    assert cosine[5] == 0.05 and cosine[10] == 0.0 and cosine[1] == 0.0976
    # Slowly at first, fastest in the middle, slowly at the end.
    falls = [round(a - b, 4) for a, b in itertools.pairwise(cosine)]
    assert (falls[0], falls[4], falls[-1]) == (0.0024, 0.0155, 0.0024)
    assert max(falls) == falls[4] == falls[5]
    assert linear == (0.02, 0.04, 0.06, 0.08) + (0.1,) * 7


def test_the_loop_runs_the_step_schedule_run_of_the_table():
    lines = run("loop.py")
    assert lines == [
        "best W* = 1.9434",
        "epoch  0: lr 0.0500, W = 1.8539",
        "epoch  9: lr 0.0500, W = 1.9807",
        "epoch 10: lr 0.0050, W = 1.9734",
        "epoch 19: lr 0.0050, W = 1.9419",
        "epoch 20: lr 0.0005, W = 1.9420",
        "epoch 29: lr 0.0005, W = 1.9423",
    ]
    x, y = data()
    run_ = gradient_descent(x, y, 0.05, 30, batch_size=5, schedule=step_schedule(10))
    assert f"{run_.weights[-1]:.4f}" == "1.9423"
    assert round(1.9434 - 1.9423, 4) == 0.0011
    assert closed_form_weight(x, y) == pytest.approx(1.9434, abs=5e-5)


WARNING = (
    "Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and "
    "later, you should call them in the opposite order: `optimizer.step()` before "
    "`lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first "
    "value of the learning rate schedule. See more details at "
    "https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate"
)


def test_the_wrong_order_warns_once_and_runs_each_epoch_at_the_next_epochs_rate():
    lines = run("wrong_order.py")
    assert lines[:2] == ["warnings caught: 1", "UserWarning:"]
    table = lines.index("epoch   right order   wrong order")
    assert lines[2:table] == textwrap.fill(WARNING, width=72).splitlines()
    rows = [[float(v) for v in line.split()] for line in lines[table + 1 :]]
    right = [r[1] for r in rows]
    wrong = [r[2] for r in rows]
    assert right == [0.1, 0.1, 0.05, 0.05, 0.025]
    assert wrong == [0.1, 0.05, 0.05, 0.025, 0.025]
    assert wrong[:-1] == [0.1 * 0.5 ** ((k + 1) // 2) for k in range(4)]  # epoch k + 1's rate


def test_the_right_order_does_not_warn():
    source = (SNIPPETS / "wrong_order.py").read_text(encoding="utf-8")
    namespace = {"__name__": "snippet"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(source, "wrong_order.py", "exec"), namespace)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        namespace["rates"](scheduler_first=False, epochs=20)


def test_the_warning_is_exactly_what_torch_says():
    W = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([W], lr=0.1)
    scheduler = StepLR(optimizer, step_size=2)
    with pytest.warns(UserWarning) as caught:
        scheduler.step()
    assert [str(w.message) for w in caught] == [WARNING]


def test_the_hand_written_factors_equal_torchs_rates():
    lines = run("by_hand.py")
    assert lines[0].split() == ["StepLR", "Cosine", "LinearLR"]
    for line in lines[2:13]:
        values = [float(v) for v in line.split()[1:]]
        assert values[0::2] == values[1::2], line  # by hand and torch, to 4 digits
    gaps = dict(
        re.match(r"(\w+): largest difference over 100 epochs (.+)$", line).groups()
        for line in lines[13:]
    )
    assert float(gaps["StepLR"]) == 0.0
    assert 0 < float(gaps["Cosine"]) < 1e-14 and float(gaps["LinearLR"]) < 1e-14


def test_the_scheduled_descents_take_the_torch_loops_steps():
    lines = run("same_steps.py")
    assert lines[0::2] == [
        "step_schedule(step_size=10, gamma=0.1):",
        "cosine_schedule(t_max=30, eta_min=0):",
        "warmup_schedule(start_factor=0.1, total_iters=5):",
    ]
    for line in lines[1::2]:
        steps, gap = re.fullmatch(r" {4}(\d+) steps, largest difference (.+)", line).groups()
        assert steps == "120" and 0 < float(gap) < 1e-6, line


def test_exercise_answers():
    # 1: epoch 25 with StepLR(step_size=10, gamma=0.1) from 0.05.
    assert 0.05 * step_schedule(10, gamma=0.1)(25) == pytest.approx(0.0005, abs=1e-15)
    # 2: scheduler.step() after every optimizer.step(), 4 steps per epoch.
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.05)
    scheduler = StepLR(optimizer, step_size=10, gamma=0.1)
    rates = []
    for _ in range(6 * 4):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    epoch_2, epoch_5 = rates[8:12], rates[20:24]
    assert epoch_2 == pytest.approx([0.05, 0.05, 0.005, 0.005])
    assert epoch_5 == pytest.approx([0.0005] * 4) and rates[19] == pytest.approx(0.005)
    # 4: CosineAnnealingLR(T_max=10) over 20 epochs: epoch 19 is back at epoch 1's rate.
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    scheduler = CosineAnnealingLR(optimizer, T_max=10)
    rates = []
    for _ in range(21):
        rates.append(scheduler.get_last_lr()[0])
        optimizer.step()
        scheduler.step()
    assert round(rates[19], 4) == round(rates[1], 4) == 0.0976
    assert rates[20] == pytest.approx(0.1)


def test_both_pages_state_the_numbers_the_runs_print():
    numbers = ["1.9434", "0.05", "0.0068", "0.0476", "0.1647", "0.0030", "0.0084", "0.0005"]
    numbers += ["0.0033", "0.0001", "0.0503", "0.0500", "0.0200", "0.1000", "0.0050"]
    numbers += ["1.9423", "0.0011", "0.0004", "10^{-14}", "10^{-6}", "10^{-9}", "0.0976"]
    numbers += ["0.0024", "0.0155", "0.0076", "0.0064"]
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for number in numbers:
            assert number in text, (page.name, number)


def test_the_korean_page_has_no_space_before_a_particle():
    assert particle_gaps("ko/lr-schedules.md") == []
