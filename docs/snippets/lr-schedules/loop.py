import torch

from gd_tutorial import closed_form_weight, noisy_data

x_train, y_train = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)
print(f"best W* = {closed_form_weight(x_train, y_train):.4f}")

W = torch.zeros((), requires_grad=True)
optimizer = torch.optim.SGD([W], lr=0.05)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.1)
generator = torch.Generator().manual_seed(0)

for epoch in range(30):
    lr = scheduler.get_last_lr()[0]  # the rate of this epoch's steps
    for batch in torch.randperm(20, generator=generator).split(5):
        cost = torch.mean((x_train[batch] * W - y_train[batch]) ** 2)
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()
    scheduler.step()  # once per epoch, after its optimizer.step() calls
    if epoch in (0, 9, 10, 19, 20, 29):
        print(f"epoch {epoch:2d}: lr {lr:.4f}, W = {W.item():.4f}")
