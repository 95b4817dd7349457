"""What the page "Mini-batches" claims, checked against torch and the package.

The page's snippets are run by tests/test_docs.py; here each claim the prose makes about
them is recomputed: the orders are the package's, batch gradients average to the full
gradient, and a DataLoader, which shuffles in its own way, ends in the band the
package's own run wanders in.
"""

from __future__ import annotations

import math

import pytest
import torch
from site_figures import MINI_BATCH_RUN, NOISY_DATA
from torch.utils.data import DataLoader, TensorDataset

from gd_tutorial import closed_form_weight, gradient_descent, mse_gradient, noisy_data

LR, EPOCHS, BATCH = MINI_BATCH_RUN["lr"], MINI_BATCH_RUN["epochs"], MINI_BATCH_RUN["batch_size"]


def data() -> tuple[torch.Tensor, torch.Tensor]:
    return noisy_data(**NOISY_DATA)


def randperm_batches(m: int, batch_size: int, epochs: int, seed: int = 0) -> list[torch.Tensor]:
    generator = torch.Generator().manual_seed(seed)
    return [
        batch
        for _ in range(epochs)
        for batch in torch.randperm(m, generator=generator).split(batch_size)
    ]


def loader_batches(m: int, batch_size: int, epochs: int, seed: int = 0) -> list[torch.Tensor]:
    generator = torch.Generator().manual_seed(seed)
    loader = DataLoader(
        TensorDataset(torch.arange(m)), batch_size=batch_size, shuffle=True, generator=generator
    )
    return [batch for _ in range(epochs) for (batch,) in loader]


def loader_run(x: torch.Tensor, y: torch.Tensor, batch_size: int = BATCH) -> list[float]:
    """The page's DataLoader loop: W at the end of each epoch."""
    generator = torch.Generator().manual_seed(0)
    loader = DataLoader(
        TensorDataset(x, y), batch_size=batch_size, shuffle=True, generator=generator
    )
    W = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([W], lr=LR)
    ends = []
    for _ in range(EPOCHS):
        for x_batch, y_batch in loader:
            cost = torch.mean((x_batch * W - y_batch) ** 2)
            optimizer.zero_grad()
            cost.backward()
            optimizer.step()
        ends.append(W.item())
    return ends


def test_the_package_steps_on_the_randperm_batches_the_page_prints():
    x, y = data()
    run = gradient_descent(x, y, lr=LR, epochs=2, batch_size=BATCH)
    W, expected = 0.0, [0.0]
    for batch in randperm_batches(20, BATCH, epochs=2):
        W = W - LR * mse_gradient(W, x[batch], y[batch]).item()
        expected.append(W)
    assert run.weights == pytest.approx(expected, rel=1e-5)
    assert run.steps_per_epoch == math.ceil(20 / BATCH) == 4


def test_one_epochs_batch_gradients_average_to_the_full_gradient_and_all_are_negative():
    x, y = data()
    full = mse_gradient(1.0, x, y).item()
    batches = randperm_batches(20, BATCH, epochs=2_001)
    grads = [mse_gradient(1.0, x[b], y[b]).item() for b in batches]
    assert sum(grads[:4]) / 4 == pytest.approx(full, rel=1e-6)
    assert max(grads) < 0 and full < 0  # "every batch gradient here is negative"
    at_best = closed_form_weight(x, y)
    assert abs(mse_gradient(at_best, x, y).item()) < 1e-4  # "the full gradient is 0"
    spread = torch.tensor([mse_gradient(at_best, x[b], y[b]).item() for b in batches]).std()
    assert spread > 1.0  # but a batch's gradient is not


def test_a_dataloader_shuffles_differently_from_randperm_with_the_same_seed():
    # The page's note: same seed, different batches.
    ours, theirs = randperm_batches(20, BATCH, 2), loader_batches(20, BATCH, 2)
    assert len(ours) == len(theirs) == 8
    assert any(not torch.equal(a, b) for a, b in zip(ours, theirs, strict=True))
    # Each is still a shuffle: every sample exactly once per epoch.
    for batches in (ours, theirs):
        for epoch in (batches[:4], batches[4:]):
            assert sorted(torch.cat(epoch).tolist()) == list(range(20))


def test_the_dataloader_loop_ends_in_the_band_the_package_run_wanders_in():
    x, y = data()
    w_star = closed_form_weight(x, y)
    package = gradient_descent(x, y, lr=LR, epochs=EPOCHS, batch_size=BATCH)
    # The band: how far the package's run strays from W* over its second half.
    band = max(abs(w - w_star) for w in package.weights[len(package.weights) // 2 :])
    ends = loader_run(x, y)
    assert ends != package.weights[:: package.steps_per_epoch][1:]  # not the same steps
    assert all(abs(w - w_star) <= band for w in ends[EPOCHS // 2 :])
    # And the band is narrower than the gap full batches leave after the same epochs.
    full = gradient_descent(x, y, lr=LR, epochs=EPOCHS)
    assert band < abs(full.weights[-1] - w_star)


def test_exercises_steps_per_epoch_and_a_loader_of_the_whole_data():
    x, y = data()
    counts = [gradient_descent(x, y, LR, 1, batch_size=n).steps_per_epoch for n in (1, 5, 6, 20)]
    assert counts == [20, 4, 4, 1]
    # A DataLoader with batches of all 20 samples takes the full-batch steps, up to rounding.
    full = gradient_descent(x, y, lr=LR, epochs=EPOCHS)
    assert loader_run(x, y, batch_size=20) == pytest.approx(full.weights[1:], rel=1e-5)
