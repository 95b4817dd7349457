import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, StepLR


def rates(make_scheduler, epochs=11, lr=0.1):
    """The rate of each epoch, with scheduler.step() after each."""
    W = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([W], lr=lr)
    scheduler = make_scheduler(optimizer)
    lrs = []
    for _ in range(epochs):
        lrs.append(scheduler.get_last_lr()[0])  # the rate this epoch's steps use
        optimizer.step()  # (here: this epoch's steps)
        scheduler.step()  # once per epoch, after them
    return lrs


step = rates(lambda opt: StepLR(opt, step_size=3, gamma=0.5))
cosine = rates(lambda opt: CosineAnnealingLR(opt, T_max=10))
warmup = rates(lambda opt: LinearLR(opt, start_factor=0.2, total_iters=4))
print("epoch   StepLR   CosineAnnealingLR   LinearLR")
for epoch in range(11):
    print(f"{epoch:5d}   {step[epoch]:.4f}   {cosine[epoch]:17.4f}   {warmup[epoch]:8.4f}")
