import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, StepLR

from gd_tutorial import (
    cosine_schedule,
    gradient_descent,
    noisy_data,
    step_schedule,
    warmup_schedule,
)

x_train, y_train = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)
lr, epochs = 0.05, 30


def torch_weights(make_scheduler):
    W = torch.zeros((), requires_grad=True)
    optimizer = torch.optim.SGD([W], lr=lr)
    scheduler = make_scheduler(optimizer)
    generator = torch.Generator().manual_seed(0)  # the package's batches
    weights = []
    for _ in range(epochs):
        for batch in torch.randperm(20, generator=generator).split(5):
            cost = torch.mean((x_train[batch] * W - y_train[batch]) ** 2)
            optimizer.zero_grad()
            cost.backward()
            optimizer.step()
            weights.append(W.item())
        scheduler.step()
    return weights


pairs = [
    (step_schedule(10, gamma=0.1), lambda opt: StepLR(opt, 10, gamma=0.1)),
    (cosine_schedule(30), lambda opt: CosineAnnealingLR(opt, T_max=30)),
    (warmup_schedule(0.1, 5), lambda opt: LinearLR(opt, 0.1, total_iters=5)),
]
for schedule, make_scheduler in pairs:
    run = gradient_descent(x_train, y_train, lr, epochs, batch_size=5, schedule=schedule)
    pairs_of_w = zip(run.weights[1:], torch_weights(make_scheduler), strict=True)
    gap = max(abs(a - b) for a, b in pairs_of_w)
    print(f"{schedule!r}:")
    print(f"    {len(run.weights) - 1} steps, largest difference {gap:.1e}")
