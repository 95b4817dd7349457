"""What the page "Mini-batches" claims, checked against torch and the package, in both languages.

Each claim the prose makes about the snippets is recomputed: the orders are the package's,
batch gradients average to the full gradient, and a DataLoader, which shuffles in its own
way, ends in the band the package's own run wanders in.
"""

from __future__ import annotations

import math

import pytest
import torch
from _site_text import DOCS, page_text, particle_gaps, prose, snippet_lines, source_text
from bs4 import BeautifulSoup
from conftest import built_page
from site_figures import MINI_BATCH_RUN, NOISY_DATA
from torch.utils.data import DataLoader, TensorDataset

from gd_tutorial import (
    closed_form_weight,
    curvature,
    gradient_descent,
    mse_gradient,
    noisy_data,
)

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


def test_mini_batch_page_uses_the_data_and_run_of_its_figure(site):
    settings = ", ".join(f"{name}={value!r}" for name, value in NOISY_DATA.items())
    folder = DOCS / "snippets" / "mini-batches"
    for snippet in (
        "batch_gradients.py",
        "mini_batch_run.py",
        "data_loader.py",
        "at_best.py",
        "best_rates.py",
    ):
        assert f"noisy_data({settings})" in (folder / snippet).read_text(encoding="utf-8")
    assert MINI_BATCH_RUN == {"lr": 0.02, "epochs": 10, "batch_size": 5, "seed": 0}
    run = (folder / "mini_batch_run.py").read_text(encoding="utf-8")
    assert "lr, epochs = 0.02, 10" in run and "batch_size=5)" in run
    loader = (folder / "data_loader.py").read_text(encoding="utf-8")
    assert "batch_size=5," in loader and "lr=0.02" in loader and "range(1, 11)" in loader
    assert "mini-batches.svg" in built_page(site, "mini-batches.md").read_text(encoding="utf-8")
    # "With our 20 samples and batches of 5, an epoch is 4 steps."
    x, y = noisy_data(**NOISY_DATA)
    assert gradient_descent(x, y, lr=0.02, epochs=1, batch_size=5).steps_per_epoch == 4
    # The at_best snippet's step is lr times the spread it prints.
    at_best = snippet_lines("docs/snippets/mini-batches/at_best.py")
    std = float(at_best[1].split("std")[1])
    assert float(at_best[2].split()[-1]) == pytest.approx(0.02 * std, abs=1e-4)


def test_mini_batches_are_sooner_only_at_an_equal_small_rate_full_batch_wins_at_its_best(site):
    x, y = data()
    w_star = closed_form_weight(x, y)
    best_lr = 1 / curvature(x)
    assert best_lr / 4 > LR  # "an equal learning rate, 0.02, far below this data's 1/L"
    # At 0.02, batches of 5 are nearer W* after each of the first epochs ...
    full = gradient_descent(x, y, lr=LR, epochs=EPOCHS)
    mini = gradient_descent(x, y, lr=LR, epochs=EPOCHS, batch_size=BATCH)
    ends = mini.weights[:: mini.steps_per_epoch]
    assert all(abs(ends[k] - w_star) < abs(full.weights[k] - w_star) for k in range(1, 4))
    # ... but at 1/L full batches land on W* in one epoch and stay, while batches wander
    # in a band wider than at 0.02.
    full_best = gradient_descent(x, y, lr=best_lr, epochs=EPOCHS)
    assert all(abs(w - w_star) < 1e-6 for w in full_best.weights[1:])
    mini_best = gradient_descent(x, y, lr=best_lr, epochs=EPOCHS, batch_size=BATCH)

    def band(run):
        return max(abs(w - w_star) for w in run.weights[len(run.weights) // 2 :])

    assert band(mini_best) > band(mini) > 0
    assert all(abs(w - w_star) > 1e-3 for w in mini_best.weights[:: mini_best.steps_per_epoch][1:])
    lines = snippet_lines("docs/snippets/mini-batches/best_rates.py")
    assert lines[0] == f"best W* = {w_star:.4f}, lr = 1/L = {best_lr:.4f}"
    for page in ("mini-batches.md", "ko/mini-batches.md"):
        text = page_text(site, page)
        assert all(line in text for line in lines), page
    text = prose(site, "mini-batches.md")
    assert "In epochs, mini-batches get there sooner." not in text
    assert "At this learning rate, mini-batches get there sooner in epochs." in text
    assert "This compares the two at an equal learning rate, 0.02" in text
    ko = " ".join(source_text("ko/mini-batches.md").split())
    assert "같은 학습률, 곧 이 데이터의 \\( 1/L \\)보다 한참 작은 0.02에서 비교한 것입니다" in ko


def test_the_index_tensor_and_the_ceiling_are_explained(site):
    assert math.ceil(20 / 6) == 4 and f"{20 / 6:.2f}" == "3.33"
    x, _ = data()
    b = torch.tensor([3, 17, 0, 9, 12])
    assert x[b].shape == (5, 1) and torch.equal(x[b][1], x[17])
    text = prose(site, "mini-batches.md")
    assert "x_train[b] indexes a tensor with a tensor of indices" in text
    assert "round up to a whole number" in text
    ko = source_text("ko/mini-batches.md")
    assert "`x_train[b]`는 인덱스를 담은 텐서로" in ko and "올림, 곧" in ko


def test_korean_mini_batches_title_and_words_are_not_calques(site):
    soup = BeautifulSoup(built_page(site, "ko/mini-batches.md").read_text("utf-8"), "html.parser")
    assert soup.select_one("article h1").get_text().rstrip("¶").strip() == (
        '미니배치: SGD가 "확률적"인 이유'
    )
    source = source_text("ko/mini-batches.md")
    assert "밟" not in source and "주황빨강" not in source and "우리" not in source
    assert particle_gaps("ko/mini-batches.md") == []
