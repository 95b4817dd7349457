"""Tests for gd_tutorial.rates: every predicted rate against real runs on the (W, b) valley.

The references are runs of gradient_descent / momentum_descent (themselves checked step by
step against torch.optim in test_descent.py), torch.optim.SGD itself for Nesterov, and the
Hessian's eigen-decomposition by torch.linalg.eigh. The valley is the course's toy_data() with
a bias; its best (W, b) is (1, 0).
"""

from __future__ import annotations

import contextlib
import math

import pytest
import torch

from gd_tutorial import (
    DivergenceWarning,
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

# The course's valley, moved so that its minimum is at (0, 0): the same x (so the same Hessian),
# the targets y = 0, and the course's start (W, b) = (-1, 2), which is (-2, 2) from its minimum
# (1, 0). Every run is the course's run shifted by (1, 0) (test below), but its late, tiny
# distances are exact in float64 instead of lost in the rounding of W near 1.
START = {"w0": -2.0, "b0": 2.0}


def valley() -> tuple[torch.Tensor, torch.Tensor]:
    x, _ = toy_data()
    return x.double(), torch.zeros_like(x, dtype=torch.float64)


def hessian_eigen() -> tuple[torch.Tensor, torch.Tensor]:
    x, _ = valley()
    mean_square, mean = float((x**2).mean()), float(x.mean())
    hessian = 2 * torch.tensor([[mean_square, mean], [mean, 1.0]], dtype=torch.float64)
    return torch.linalg.eigh(hessian)  # eigenvalues ascending, eigenvectors as columns


LAMS = curvatures(valley()[0])


def offsets(history) -> torch.Tensor:
    """Row k: (W_k, b_k), the offset from the minimum (0, 0)."""
    pairs = zip(history.weights, history.biases, strict=True)
    return torch.tensor(list(pairs), dtype=torch.float64)


def components(history) -> torch.Tensor:
    """Row k: the offset along each eigen-direction, gentlest first."""
    _, vectors = hessian_eigen()
    return offsets(history) @ vectors


def measured_rate(distances: torch.Tensor, window: int = 100) -> float:
    """The geometric decay of a distance over the whole run: (late / early) ** (1 / steps).

    Each end is the largest distance in a window of steps (an envelope, so that swings
    across the minimum do not matter); the late end is the last window where the distance
    is still a normal float64 (above 1e-250 of the start).
    """
    d = distances.double()
    alive = (d > 1e-250 * d[0]).nonzero().flatten()
    end = int(alive[-1]) - window
    assert end >= 500, "the run is too short to measure its rate"
    first, last = d[:window].max(), d[end : end + window].max()
    return float((last / first) ** (1 / end))


def test_the_shifted_valley_is_the_course_valley():
    x, y = toy_data()
    x, y = x.double(), y.double()
    for descent, settings in [(gradient_descent, {}), (momentum_descent, {"momentum": 0.7})]:
        course = descent(x, y, lr=0.15, epochs=30, w0=-1.0, b0=2.0, **settings)
        shifted = descent(*valley(), lr=0.15, epochs=30, **START, **settings)
        assert [w - 1 for w in course.weights] == pytest.approx(shifted.weights, abs=1e-12)
        assert course.biases == pytest.approx(shifted.biases, abs=1e-12)


def test_the_valley_has_the_curvatures_of_its_hessian():
    eigenvalues, _ = hessian_eigen()
    assert pytest.approx(eigenvalues.tolist(), rel=1e-12) == LAMS


@pytest.mark.parametrize("lr", [0.02, 0.05, 0.1, 0.15, 0.17])
def test_plain_descent_multiplies_each_direction_by_one_minus_lr_lambda(lr):
    x, y = valley()
    run = gradient_descent(x, y, lr=lr, epochs=60, **START)
    c = components(run)
    for i, lam in enumerate(LAMS):
        # While the component is well above the rounding of the other one.
        steps = [k for k in range(60) if abs(c[k + 1, i]) > 1e-8 * c[k].abs().max()]
        assert len(steps) >= 5
        ratios = [float(c[k + 1, i] / c[k, i]) for k in steps]
        assert ratios == pytest.approx([1 - lr * lam] * len(steps), rel=1e-6)


@pytest.mark.parametrize("lr", [0.05, 0.1, 0.15, 0.17])
def test_plain_descent_shrinks_the_distance_by_descent_rate(lr):
    x, y = valley()
    run = gradient_descent(x, y, lr=lr, epochs=3000, **START)
    distance = offsets(run).norm(dim=1)
    assert measured_rate(distance) == pytest.approx(descent_rate(lr, LAMS), rel=1e-4)


def test_best_lr_gives_both_directions_the_factor_kappa_minus_one_over_kappa_plus_one():
    lr = best_lr(LAMS)
    kappa = LAMS[1] / LAMS[0]
    assert lr == pytest.approx(2 / (LAMS[0] + LAMS[1]), rel=1e-15)
    factors = [1 - lr * lam for lam in LAMS]
    assert factors == pytest.approx([(kappa - 1) / (kappa + 1), -(kappa - 1) / (kappa + 1)])
    assert descent_rate(lr, LAMS) == pytest.approx((kappa - 1) / (kappa + 1), rel=1e-12)
    x, y = valley()
    run = gradient_descent(x, y, lr=lr, epochs=3000, **START)
    assert measured_rate(offsets(run).norm(dim=1)) == pytest.approx((kappa - 1) / (kappa + 1))
    for other in (0.95 * lr, 1.05 * lr):  # any other single learning rate is slower
        assert descent_rate(other, LAMS) > descent_rate(lr, LAMS)


def test_epochs_to_shrink_is_when_the_slow_direction_has_shrunk_that_much():
    x, y = valley()
    lr = 0.15
    run = gradient_descent(x, y, lr=lr, epochs=400, **START)
    slow = components(run)[:, 0].abs()
    k = epochs_to_shrink(1 - lr * LAMS[0], 1000)
    assert slow[k] <= slow[0] / 1000 < slow[k - 1]
    assert k == 189


@pytest.mark.parametrize(
    ("lr", "momentum"),
    [(0.15, 0.7), (0.15, 0.9), (0.1, 0.5), (0.05, 0.3), (0.25, 0.6), (0.3, 0.8), (0.02, 0.9)],
)
def test_momentum_follows_its_two_step_recurrence_in_each_direction(lr, momentum):
    x, y = valley()
    run = momentum_descent(x, y, lr=lr, epochs=40, momentum=momentum, **START)
    c = components(run)
    for i, lam in enumerate(LAMS):
        matrix = momentum_matrix(lr, momentum, lam)
        # The first velocity is the gradient itself: a plain step.
        assert float(c[1, i]) == pytest.approx((1 - lr * lam) * float(c[0, i]), rel=1e-9)
        for t in range(1, 40):
            predicted = matrix @ torch.stack([c[t, i], c[t - 1, i]])
            assert float(predicted[0]) == pytest.approx(float(c[t + 1, i]), rel=1e-7, abs=1e-13)


@pytest.mark.parametrize(
    ("lr", "momentum"),
    [(0.15, 0.7), (0.15, 0.9), (0.1, 0.5), (0.05, 0.3), (0.25, 0.6), (0.3, 0.8), (0.02, 0.9)],
)
def test_momentum_shrinks_the_distance_by_momentum_rate(lr, momentum):
    x, y = valley()
    run = momentum_descent(x, y, lr=lr, epochs=6000, momentum=momentum, **START)
    distance = offsets(run).norm(dim=1)
    assert measured_rate(distance) == pytest.approx(momentum_rate(lr, momentum, LAMS), rel=2e-3)


def test_underdamped_directions_shrink_by_the_square_root_of_momentum():
    # The page's setting: lr 0.15, momentum 0.7. Both directions swing (complex eigenvalues).
    for lam in LAMS:
        assert damping(0.15, 0.7, lam) == "underdamped"
        eigenvalues = torch.linalg.eigvals(momentum_matrix(0.15, 0.7, lam))
        assert float(eigenvalues.imag.abs().min()) > 0
        assert eigenvalues.abs().tolist() == pytest.approx([math.sqrt(0.7)] * 2, rel=1e-12)
    x, y = valley()
    run = momentum_descent(x, y, lr=0.15, epochs=3000, momentum=0.7, **START)
    c = components(run)
    across = c[:, 1]
    assert measured_rate(across.abs()) == pytest.approx(math.sqrt(0.7), rel=2e-3)
    # Slower than plain descent's factor across the valley, |1 - 0.15 * lam_max|.
    assert math.sqrt(0.7) > abs(1 - 0.15 * LAMS[1])
    # It swings: the offset across the valley changes sign again and again.
    signs = torch.sign(across[:60])
    assert int((signs[1:] != signs[:-1]).sum()) >= 20


def test_damping_borders_are_where_the_eigenvalues_meet():
    mu = 0.49  # sqrt = 0.7: borders at lr * lam = 0.09 and 2.89
    assert damping(0.09, mu, 1.0) == "critically damped"
    assert damping(2.89, mu, 1.0) == "critically damped"
    assert damping(0.08, mu, 1.0) == "overdamped"
    assert damping(0.5, mu, 1.0) == "underdamped"
    assert damping(2.95, mu, 1.0) == "overdamped"
    for lr, expected in [(0.08, "overdamped"), (0.5, "underdamped"), (2.95, "overdamped")]:
        eigenvalues = torch.linalg.eigvals(momentum_matrix(lr, mu, 1.0))
        assert (float(eigenvalues.imag.abs().max()) > 0) == (expected == "underdamped")


def test_best_momentum_makes_every_direction_shrink_at_the_same_rate():
    lr, mu = best_momentum(LAMS)
    kappa = LAMS[1] / LAMS[0]
    root = math.sqrt(kappa)
    assert lr == pytest.approx((2 / (math.sqrt(LAMS[1]) + math.sqrt(LAMS[0]))) ** 2, rel=1e-12)
    assert mu == pytest.approx(((root - 1) / (root + 1)) ** 2, rel=1e-12)
    rates = [momentum_rate(lr, mu, lam) for lam in LAMS]
    assert rates == pytest.approx([math.sqrt(mu)] * 2, rel=1e-6)
    assert momentum_rate(lr, mu, LAMS) == pytest.approx((root - 1) / (root + 1), rel=1e-6)
    assert [damping(lr, mu, lam) for lam in LAMS] == ["critically damped"] * 2
    # A curvature between the two is underdamped, at the same rate.
    middle = math.sqrt(LAMS[0] * LAMS[1])
    assert damping(lr, mu, middle) == "underdamped"
    assert momentum_rate(lr, mu, middle) == pytest.approx(math.sqrt(mu), rel=1e-12)
    # Runs: both directions decay at that rate (critical damping adds a factor k, so 1 %).
    x, y = valley()
    run = momentum_descent(x, y, lr=lr, epochs=2500, momentum=mu, **START)
    c = components(run)
    for i in range(2):
        assert measured_rate(c[:, i].abs()) == pytest.approx(math.sqrt(mu), rel=1e-2)
    # No pair on a fine grid does better.
    grid = rate_map(torch.linspace(0.01, 0.5, 99), torch.linspace(0.0, 0.95, 96), LAMS)
    assert float(grid.min()) >= math.sqrt(mu) * (1 - 1e-6)


def test_rate_map_is_momentum_rate_at_every_point():
    lrs, momentums = [0.01, 0.1, 0.15, 0.2, 0.3, 0.35], [0.0, 0.3, 0.55, 0.7, 0.9]
    for nesterov in (False, True):
        grid = rate_map(lrs, momentums, LAMS, nesterov=nesterov)
        assert grid.shape == (5, 6)
        assert grid.dtype == torch.float64
        for i, mu in enumerate(momentums):
            for j, lr in enumerate(lrs):
                expected = momentum_rate(lr, mu, LAMS, nesterov=nesterov)
                assert float(grid[i, j]) == pytest.approx(expected, rel=1e-9)
    assert rate_map(lrs, [0.0], LAMS)[0].tolist() == pytest.approx(
        [descent_rate(lr, LAMS) for lr in lrs], rel=1e-12
    )


@pytest.mark.parametrize(
    ("lr", "momentum"), [(0.04, 0.5), (0.12, 0.2), (0.2, 0.7), (0.28, 0.4), (0.1, 0.85)]
)
def test_rate_map_matches_real_runs_at_sample_points(lr, momentum):
    rate = float(rate_map([lr], [momentum], LAMS)[0, 0])
    x, y = valley()
    # A rate above 1 is a run that grows, and says so.
    with pytest.warns(DivergenceWarning) if rate > 1 else contextlib.nullcontext():
        run = momentum_descent(x, y, lr=lr, epochs=6000, momentum=momentum, **START)
    assert run.diverged == (rate > 1)
    assert measured_rate(offsets(run).norm(dim=1)) == pytest.approx(rate, rel=2e-3)


@pytest.mark.parametrize(("lr", "momentum"), [(0.35, 0.5), (0.45, 0.3), (0.33, 0.0)])
def test_rate_map_above_one_is_a_run_that_diverges(lr, momentum):
    assert float(rate_map([lr], [momentum], LAMS)[0, 0]) > 1
    x, y = valley()
    with pytest.warns(DivergenceWarning, match="Diverged"):
        run = momentum_descent(x, y, lr=lr, epochs=300, momentum=momentum, **START)
    assert run.diverged


@pytest.mark.parametrize("momentum", [0.0, 0.3, 0.7, 0.9])
@pytest.mark.parametrize("nesterov", [False, True])
def test_momentum_max_lr_is_where_the_rate_reaches_one(momentum, nesterov):
    bound = momentum_max_lr(momentum, LAMS, nesterov=nesterov)
    factor = (1 + 2 * momentum) if nesterov else 1
    assert bound == pytest.approx(2 * (1 + momentum) / factor / LAMS[1], rel=1e-12)
    assert momentum_rate(0.999 * bound, momentum, LAMS, nesterov=nesterov) < 1
    assert momentum_rate(1.001 * bound, momentum, LAMS, nesterov=nesterov) > 1
    assert momentum_rate(bound, momentum, LAMS, nesterov=nesterov) == pytest.approx(1, rel=1e-9)


def _order(z: complex) -> tuple[float, float]:
    return z.real, z.imag


def test_nesterov_matrix_is_that_of_torch_optim_sgd_with_nesterov():
    lr, mu = 0.1, 0.7
    x, y = valley()
    p = torch.tensor(START["w0"], dtype=torch.float64, requires_grad=True)
    q = torch.tensor(START["b0"], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([p, q], lr=lr, momentum=mu, nesterov=True)
    rows = [(p.item(), q.item())]
    for _ in range(40):
        optimizer.zero_grad()
        torch.mean((p * x + q - y) ** 2).backward()
        optimizer.step()
        rows.append((p.item(), q.item()))
    _, vectors = hessian_eigen()
    c = torch.tensor(rows, dtype=torch.float64) @ vectors
    for i, lam in enumerate(LAMS):
        # torch's own state (x_t, v_{t-1}): v = mu v + lam x, x = x - lr (lam x + mu v).
        torch_form = torch.tensor(
            [[1 - lr * lam * (1 + mu), -lr * mu**2], [lam, mu]], dtype=torch.float64
        )
        matrix = momentum_matrix(lr, mu, lam, nesterov=True)
        ours, theirs = torch.linalg.eigvals(matrix), torch.linalg.eigvals(torch_form)
        assert sorted(ours.tolist(), key=_order) == pytest.approx(
            sorted(theirs.tolist(), key=_order)
        )
        assert float(c[1, i]) == pytest.approx((1 - lr * lam * (1 + mu)) * float(c[0, i]))
        for t in range(1, 40):
            predicted = matrix @ torch.stack([c[t, i], c[t - 1, i]])
            assert float(predicted[0]) == pytest.approx(float(c[t + 1, i]), rel=1e-7, abs=1e-13)


@pytest.mark.parametrize(("lr", "momentum"), [(0.1, 0.7), (0.05, 0.9), (0.12, 0.3)])
def test_nesterov_shrinks_the_distance_by_its_rate(lr, momentum):
    rate = momentum_rate(lr, momentum, LAMS, nesterov=True)
    x, y = valley()
    run = momentum_descent(x, y, lr=lr, epochs=6000, momentum=momentum, nesterov=True, **START)
    assert measured_rate(offsets(run).norm(dim=1)) == pytest.approx(rate, rel=2e-3)


@pytest.mark.parametrize("momentum", [0.3, 0.7, 0.9])
def test_nesterov_converges_just_below_its_bound_and_diverges_just_above(momentum):
    bound = momentum_max_lr(momentum, LAMS, nesterov=True)
    x, y = valley()
    below = momentum_descent(
        x, y, lr=0.97 * bound, epochs=3000, momentum=momentum, nesterov=True, **START
    )
    with pytest.warns(DivergenceWarning, match="Nesterov momentum"):
        above = momentum_descent(
            x, y, lr=1.03 * bound, epochs=3000, momentum=momentum, nesterov=True, **START
        )
    assert not below.diverged
    assert offsets(below).norm(dim=1)[-1] < 1e-6
    assert above.diverged
    # Heavy ball at the same lr is well inside its own bound, and converges.
    assert 1.03 * bound < momentum_max_lr(momentum, LAMS)
    heavy = momentum_descent(x, y, lr=1.03 * bound, epochs=3000, momentum=momentum, **START)
    assert not heavy.diverged
    assert offsets(heavy).norm(dim=1)[-1] < 1e-6


def test_epochs_to_shrink_counts_whole_steps():
    assert epochs_to_shrink(0.5) == 10  # 0.5**10 = 1/1024
    assert epochs_to_shrink(0.5, factor=1024) == 10
    assert epochs_to_shrink(0.1) == 3
    assert epochs_to_shrink(0.0) == 1
    for rate in (0.3, 0.7, 0.9, 0.99, 0.9639):
        k = epochs_to_shrink(rate, 1000)
        assert rate**k <= 1e-3 < rate ** (k - 1)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: descent_rate(0.0, LAMS), ValueError, "lr must be a finite number greater than 0"),
        (lambda: descent_rate(0.1, []), TypeError, "curvatures must be a number or a non-empty"),
        (lambda: descent_rate(0.1, "ab"), TypeError, "curvatures must be a number or a non-empty"),
        (
            lambda: descent_rate(0.1, [1.0, -2.0]),
            ValueError,
            "curvatures[1] must be greater than 0",
        ),
        (lambda: best_lr(0.0), ValueError, "curvatures must be greater than 0"),
        (lambda: momentum_rate(0.1, 1.0, LAMS), ValueError, "momentum must be in [0, 1)"),
        (lambda: momentum_matrix(0.1, 0.5, -1.0), ValueError, "curvature must be greater than 0"),
        (lambda: momentum_matrix(0.1, 0.5, 1.0, nesterov=1), TypeError, "nesterov must be True"),
        (lambda: damping(0.1, -0.1, 1.0), ValueError, "momentum must be in [0, 1)"),
        (
            lambda: momentum_max_lr(0.5, [float("nan")]),
            ValueError,
            "curvatures[0] must be a finite",
        ),
        (lambda: rate_map([], [0.5], LAMS), TypeError, "lrs must be a non-empty sequence"),
        (lambda: rate_map([0.1], 0.5, LAMS), TypeError, "momentums must be a non-empty sequence"),
        (lambda: rate_map([0.1, -1.0], [0.5], LAMS), ValueError, "lr must be a finite number"),
        (lambda: epochs_to_shrink(1.0), ValueError, "rate must be in [0, 1)"),
        (lambda: epochs_to_shrink(0.5, factor=1), ValueError, "factor must be greater than 1"),
        (lambda: epochs_to_shrink("0.5"), TypeError, "rate must be a number"),
    ],
)
def test_bad_arguments_get_errors_naming_them(call, error, message):
    with pytest.raises(error) as raised:
        call()
    assert message in str(raised.value)
