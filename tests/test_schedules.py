"""Tests for the learning-rate schedules and every descent's ``schedule=``.

PyTorch is the reference: each schedule's factors against ``torch.optim.lr_scheduler``'s
``StepLR``, ``CosineAnnealingLR`` and ``LinearLR`` over many epochs, and every descent with a
schedule against the matching ``torch.optim`` optimizer stepped by the matching scheduler once
per epoch, on random data with one input and several, with and without a bias, full batches
and mini-batches.
"""

from __future__ import annotations

import functools
import re
import warnings

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from test_descent import SEVERAL_RULES, assert_rows_close

from gd_tutorial import (
    DivergenceWarning,
    adagrad_descent,
    adam_descent,
    cosine_schedule,
    gradient_descent,
    max_stable_lr,
    momentum_descent,
    rmsprop_descent,
    step_schedule,
    toy_data,
    train_with_optimizer,
    warmup_schedule,
)

PROPERTY = settings(max_examples=60, deadline=None)
FLOAT32 = st.floats(min_value=-3, max_value=3, allow_nan=False, allow_infinity=False, width=32)
LR = st.floats(min_value=1e-4, max_value=10.0)


def refuses(error: type[Exception], message: str):
    return pytest.raises(error, match=f"^{re.escape(message)}$")


def no_warnings(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return function(*args, **kwargs)


def torch_lrs(scheduler, lr: float, epochs: int) -> list[float]:
    """The learning rate of each epoch by a real scheduler, stepped once per epoch."""
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)
    sched = scheduler(opt)
    lrs = []
    for _ in range(epochs):
        lrs.append(sched.get_last_lr()[0])
        opt.step()
        sched.step()
    return lrs


def assert_factors_match(schedule, scheduler, lr: float, epochs: int) -> None:
    expected = torch_lrs(scheduler, lr, epochs)
    mine = [lr * schedule(epoch) for epoch in range(epochs)]
    assert mine == pytest.approx(expected, rel=1e-6, abs=1e-9 * lr)


# --- each schedule against its PyTorch scheduler ------------------------------------------------


@PROPERTY
@given(lr=LR, step_size=st.integers(1, 50), gamma=st.floats(0.05, 2.0))
def test_step_schedule_gives_steplrs_rates_for_300_epochs(lr, step_size, gamma):
    scheduler = functools.partial(torch.optim.lr_scheduler.StepLR, step_size=step_size, gamma=gamma)
    assert_factors_match(step_schedule(step_size, gamma), scheduler, lr, 300)


@PROPERTY
@given(lr=LR, t_max=st.integers(1, 100), eta_min=st.floats(0.0, 0.9))
def test_cosine_schedule_gives_cosineannealinglrs_recursive_rates_for_500_epochs(
    lr, t_max, eta_min
):
    """PyTorch computes each rate from the one before; past t_max the cosine goes on."""
    scheduler = functools.partial(
        torch.optim.lr_scheduler.CosineAnnealingLR, T_max=t_max, eta_min=lr * eta_min
    )
    assert_factors_match(cosine_schedule(t_max, eta_min), scheduler, lr, 500)


@PROPERTY
@given(lr=LR, start=st.floats(0.01, 1.0), total=st.integers(1, 100))
def test_warmup_schedule_gives_linearlrs_rates_for_300_epochs(lr, start, total):
    scheduler = functools.partial(
        torch.optim.lr_scheduler.LinearLR, start_factor=start, end_factor=1.0, total_iters=total
    )
    assert_factors_match(warmup_schedule(start, total), scheduler, lr, 300)


def test_schedules_print_as_the_calls_that_made_them():
    assert repr(step_schedule(10)) == "step_schedule(step_size=10, gamma=0.1)"
    assert repr(cosine_schedule(50, 0.1)) == "cosine_schedule(t_max=50, eta_min=0.1)"
    assert repr(warmup_schedule(0.1, 5)) == "warmup_schedule(start_factor=0.1, total_iters=5)"


def test_cosine_schedule_reaches_eta_min_at_t_max_and_climbs_back():
    schedule = cosine_schedule(10, eta_min=0.2)
    assert schedule(0) == 1.0
    assert schedule(10) == pytest.approx(0.2, abs=1e-15)
    assert schedule(20) == pytest.approx(1.0, abs=1e-15)


# --- every descent with a schedule against torch.optim and the matching scheduler -------------


@st.composite
def runs(draw: st.DrawFn) -> dict:
    """Float32 data with one input (m,) or several (m, n), a start, batches and a seed."""
    m = draw(st.integers(min_value=1, max_value=10))
    n = draw(st.sampled_from([0, 1, 3]))  # 0: x of shape (m,)
    count = m * max(n, 1)
    x = torch.tensor(draw(st.lists(FLOAT32, min_size=count, max_size=count)))
    x = x if n == 0 else x.reshape(m, n)
    y = torch.tensor(draw(st.lists(FLOAT32, min_size=m, max_size=m)))
    return {
        "x": x,
        "y": y if n != 1 else y.reshape(m, 1),
        "epochs": draw(st.integers(min_value=1, max_value=8)),
        "w0": draw(FLOAT32),
        "b0": draw(st.none() | FLOAT32),
        "batch_size": draw(st.none() | st.integers(min_value=1, max_value=m)),
        "seed": draw(st.integers(min_value=0, max_value=2**32 - 1)),
    }


def reference(optimizer, scheduler, lr: float, run: dict) -> list[list[float]]:
    """Every parameter of every update of a torch.optim loop with ``scheduler.step()`` after
    each epoch's ``optimizer.step()`` calls."""
    x, size = run["x"], run["batch_size"]
    y = run["y"].reshape(-1) if x.dim() == 2 and x.shape[1] > 1 else run["y"]
    several = x.dim() == 2 and x.shape[1] > 1
    W = torch.full((x.shape[1],), run["w0"]) if several else torch.tensor(run["w0"])
    params = [W.requires_grad_(True)]
    if run["b0"] is not None:
        params.append(torch.tensor(run["b0"], requires_grad=True))
    opt = optimizer(params, lr=lr)
    sched = scheduler(opt)
    generator = torch.Generator().manual_seed(run["seed"])
    m = x.shape[0]
    rows = [[v for p in params for v in p.reshape(-1).tolist()]]
    for _ in range(run["epochs"]):
        if size is None:
            batches = [torch.arange(m)]
        else:
            batches = torch.randperm(m, generator=generator).split(size)
        for batch in batches:
            prediction = x[batch] @ params[0] if several else params[0] * x[batch]
            if len(params) == 2:
                prediction = prediction + params[1]
            cost = torch.mean((prediction - y[batch]) ** 2)
            opt.zero_grad()
            cost.backward()
            opt.step()
            rows.append([v for p in params for v in p.reshape(-1).tolist()])
        sched.step()
    return rows


def rows_of(history) -> list[list[float]]:
    biases = history.biases or [None] * len(history.weights)
    rows = []
    for w, b in zip(history.weights, biases, strict=True):
        row = list(w) if isinstance(w, tuple) else [w]
        rows.append(row + ([] if b is None else [b]))
    return rows


SCHEDULES = {
    "step": (
        step_schedule(2, gamma=0.5),
        functools.partial(torch.optim.lr_scheduler.StepLR, step_size=2, gamma=0.5),
    ),
    "cosine": (cosine_schedule(5, eta_min=0.1), None),  # eta_min is lr * 0.1: built per lr
    "warm-up": (
        warmup_schedule(0.2, 4),
        functools.partial(
            torch.optim.lr_scheduler.LinearLR, start_factor=0.2, end_factor=1.0, total_iters=4
        ),
    ),
}


def scheduler_for(name: str, lr: float):
    schedule, scheduler = SCHEDULES[name]
    if scheduler is None:
        scheduler = functools.partial(
            torch.optim.lr_scheduler.CosineAnnealingLR, T_max=5, eta_min=lr * 0.1
        )
    return schedule, scheduler


def safe_lr(run: dict, factor: float) -> float:
    x = run["x"].reshape(run["x"].shape[0], -1)
    return factor / (float(torch.max((x**2).sum(dim=1))) + 1)


def quietly(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        return function(*args, **kwargs)


@settings(max_examples=150, deadline=None)
@given(
    run=runs(),
    rule=st.sampled_from(sorted(SEVERAL_RULES)),
    name=st.sampled_from(sorted(SCHEDULES)),
    factor=st.floats(0.05, 0.9),
)
def test_every_descent_with_each_schedule_takes_the_steps_of_torch_optim_and_its_scheduler(
    run, rule, name, factor
):
    descent, options, optimizer = SEVERAL_RULES[rule]
    lr = safe_lr(run, factor)
    schedule, scheduler = scheduler_for(name, lr)
    keys = ("w0", "b0", "batch_size", "seed")
    history = quietly(
        descent,
        run["x"],
        run["y"],
        lr,
        run["epochs"],
        **options,
        schedule=schedule,
        **{key: run[key] for key in keys},
    )
    assert_rows_close(rows_of(history), reference(optimizer, scheduler, lr, run))
    assert history.lrs == [lr * schedule(k) for k in range(run["epochs"])]
    assert history.schedule is schedule


@settings(max_examples=60, deadline=None)
@given(
    run=runs(), rule=st.sampled_from(sorted(SEVERAL_RULES)), name=st.sampled_from(sorted(SCHEDULES))
)
def test_train_with_optimizer_with_a_schedule_steps_a_lambdalr_like_the_real_scheduler(
    run, rule, name
):
    optimizer = SEVERAL_RULES[rule][2]
    lr = safe_lr(run, 0.5)
    schedule, scheduler = scheduler_for(name, lr)
    keys = ("w0", "b0", "batch_size", "seed")
    history = quietly(
        train_with_optimizer,
        run["x"],
        run["y"],
        lr,
        run["epochs"],
        optimizer=optimizer,
        schedule=schedule,
        **{key: run[key] for key in keys},
    )
    assert_rows_close(rows_of(history), reference(optimizer, scheduler, lr, run))


def test_a_scheduled_torch_run_warns_nothing_and_records_each_epochs_lr():
    x, y = toy_data()
    run = no_warnings(train_with_optimizer, x, y, 0.1, 6, schedule=step_schedule(2), batch_size=2)
    assert run.lrs == pytest.approx([0.1, 0.1, 0.01, 0.01, 0.001, 0.001], rel=1e-12)
    assert run.method == "SGD"


def test_without_a_schedule_the_history_records_none_and_the_steps_are_unchanged():
    x, y = toy_data()
    plain = gradient_descent(x, y, 0.1, 5)
    constant = gradient_descent(x, y, 0.1, 5, schedule=lambda epoch: 1.0)
    assert plain.lrs is None and plain.schedule is None
    assert constant.weights == plain.weights
    assert constant.lrs == [0.1] * 5


def test_a_decaying_schedule_settles_a_mini_batch_run_that_a_constant_lr_leaves_wandering():
    from gd_tutorial import closed_form_weight, noisy_data

    x, y = noisy_data()
    best = closed_form_weight(x, y)
    constant = gradient_descent(x, y, 0.05, 60, w0=best, batch_size=1)
    decayed = gradient_descent(x, y, 0.05, 60, w0=best, batch_size=1, schedule=step_schedule(10))
    spread = lambda run: max(run.weights[-20:]) - min(run.weights[-20:])  # noqa: E731
    assert spread(decayed) < spread(constant) / 100


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "descent",
    [
        gradient_descent,
        momentum_descent,
        adam_descent,
        adagrad_descent,
        rmsprop_descent,
        train_with_optimizer,
    ],
)
@pytest.mark.parametrize(
    ("schedule", "error", "message"),
    [
        (
            0.5,
            TypeError,
            "schedule must be None or a function from the epoch (counted from 0) to a factor "
            "of lr, such as step_schedule(10); got float",
        ),
        (
            lambda epoch: 1.0 - 0.5 * epoch,
            ValueError,
            "schedule(3) returned -0.5: the factor of lr at epoch 3 must be a finite number, "
            "0 or more",
        ),
        (
            lambda epoch: float("inf") if epoch == 2 else 1.0,
            ValueError,
            "schedule(2) returned inf: the factor of lr at epoch 2 must be a finite number, "
            "0 or more",
        ),
        (
            lambda epoch: float("nan"),
            ValueError,
            "schedule(0) returned nan: the factor of lr at epoch 0 must be a finite number, "
            "0 or more",
        ),
        (
            lambda epoch: "1",
            TypeError,
            "schedule(0) must return a number, the factor of lr at epoch 0; got str",
        ),
    ],
)
def test_a_bad_schedule_is_refused_before_any_step_naming_its_epoch(
    descent, schedule, error, message
):
    x, y = toy_data()
    with refuses(error, message):
        descent(x, y, 0.1, 5, schedule=schedule)


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: step_schedule(0), ValueError, "step_size must be 1 or more; got 0"),
        (
            lambda: step_schedule(2.5),
            TypeError,
            "step_size must be a whole number (1 or more); got 2.5",
        ),
        (
            lambda: step_schedule(2, gamma=0),
            ValueError,
            "gamma must be a finite number greater than 0; got 0",
        ),
        (lambda: step_schedule(2, gamma="0.1"), TypeError, "gamma must be a number; got str"),
        (lambda: cosine_schedule(0), ValueError, "t_max must be 1 or more; got 0"),
        (
            lambda: cosine_schedule(True),
            TypeError,
            "t_max must be a whole number (1 or more); got True",
        ),
        (
            lambda: cosine_schedule(10, eta_min=-0.1),
            ValueError,
            "eta_min must be a finite number, 0 or more; got -0.1",
        ),
        (
            lambda: warmup_schedule(0.0, 5),
            ValueError,
            "start_factor must be greater than 0 and at most 1; got 0",
        ),
        (
            lambda: warmup_schedule(1.5, 5),
            ValueError,
            "start_factor must be greater than 0 and at most 1; got 1.5",
        ),
        (lambda: warmup_schedule(0.5, 0), ValueError, "total_iters must be 1 or more; got 0"),
        (
            lambda: warmup_schedule(0.5, 2.0),
            TypeError,
            "total_iters must be a whole number (1 or more); got 2.0",
        ),
    ],
)
def test_schedule_arguments_are_checked_with_messages_naming_them(make, error, message):
    with refuses(error, message):
        make()


def test_a_scheduled_divergent_run_names_its_schedule_and_the_rates_it_took():
    x, y = toy_data()
    bound = max_stable_lr(x)
    schedule = warmup_schedule(0.5, 4)
    with pytest.warns(DivergenceWarning) as record:
        run = gradient_descent(x, y, 1.5 * bound, 30, schedule=schedule)
    expected = (
        f"Diverged: the cost grew from {run.costs[0]:g} to {run.costs[-1]:g}. For gradient "
        f"descent on this data with reduction='mean', lr must be below the stable bound "
        f"{bound:.6f}; lr={1.5 * bound:g} was used, with the schedule {schedule!r}: from "
        f"{0.75 * bound:g} to {1.5 * bound:g}."
    )
    assert [str(warning.message) for warning in record] == [expected]
