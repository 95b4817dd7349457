import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, StepLR

from gd_tutorial import cosine_schedule, step_schedule, warmup_schedule


def torch_rates(make_scheduler, lr, epochs):
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)
    scheduler = make_scheduler(optimizer)
    lrs = []
    for _ in range(epochs):
        lrs.append(scheduler.get_last_lr()[0])
        optimizer.step()
        scheduler.step()
    return lrs


lr, epochs = 0.1, 100
pairs = {  # each hand-written schedule, and PyTorch's scheduler it stands for
    "StepLR": (step_schedule(3, gamma=0.5), lambda opt: StepLR(opt, 3, gamma=0.5)),
    "Cosine": (cosine_schedule(10), lambda opt: CosineAnnealingLR(opt, T_max=10)),
    "LinearLR": (warmup_schedule(0.2, 4), lambda opt: LinearLR(opt, 0.2, total_iters=4)),
}
hand = {name: [lr * s(k) for k in range(epochs)] for name, (s, _) in pairs.items()}
ref = {name: torch_rates(make, lr, epochs) for name, (_, make) in pairs.items()}
print("        " + "".join(f"{name:20s}" for name in pairs).rstrip())
print("epoch   " + "     ".join(["by hand   torch"] * len(pairs)))
for epoch in range(11):
    row = "    ".join(f"{hand[n][epoch]:.4f}    {ref[n][epoch]:.4f}" for n in pairs)
    print(f"{epoch:5d}   {row}")
for name in pairs:
    gap = max(abs(a - b) for a, b in zip(hand[name], ref[name], strict=True))
    print(f"{name}: largest difference over {epochs} epochs {gap:.1e}")
