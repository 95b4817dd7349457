import textwrap
import warnings

import torch


def rates(scheduler_first, epochs=5):
    """The learning rate each epoch's optimizer.step() uses."""
    W = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([W], lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
    lrs = []
    for _ in range(epochs):
        if scheduler_first:
            scheduler.step()  # wrong: before this epoch's optimizer.step()
        optimizer.zero_grad()
        W.sum().backward()  # any cost will do
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        if not scheduler_first:
            scheduler.step()  # right: after it
    return lrs


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # record every warning, even one shown before
    wrong = rates(scheduler_first=True)
print(f"warnings caught: {len(caught)}")
for warning in caught:
    print(f"{warning.category.__name__}:")
    print(textwrap.fill(str(warning.message), width=72))
print("epoch   right order   wrong order")
right = rates(scheduler_first=False)
for epoch, (good, bad) in enumerate(zip(right, wrong, strict=True)):
    print(f"{epoch:5d}   {good:11.4f}   {bad:11.4f}")
