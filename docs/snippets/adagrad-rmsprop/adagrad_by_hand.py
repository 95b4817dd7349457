import torch

x = torch.tensor([1.0, 2.0, 3.0])
y = torch.tensor([1.0, 2.0, 3.0])
lr, eps = 1.5, 1e-10  # eps: torch.optim.Adagrad's default

p = torch.tensor([-1.0, 2.0])  # by hand: W and b in one tensor
G = torch.zeros(2)  # the sum of every squared gradient so far
q = torch.tensor([-1.0, 2.0], requires_grad=True)  # the same, for Adagrad
optimizer = torch.optim.Adagrad([q], lr=lr, eps=eps)

largest = 0.0
for t in range(1, 61):
    residual = p[0] * x + p[1] - y
    g = torch.stack([2 * torch.mean(residual * x), 2 * torch.mean(residual)])
    G = G + g * g  # it only grows
    p = p - lr * g / (G.sqrt() + eps)

    cost = torch.mean((q[0] * x + q[1] - y) ** 2)
    optimizer.zero_grad()
    cost.backward()
    optimizer.step()
    largest = max(largest, (p - q).abs().max().item())
    if t <= 3 or t == 60:
        print(f"step {t:2d}: W = {p[0]:8.5f}, b = {p[1]:8.5f}")
print(f"largest difference from torch.optim.Adagrad in 60 steps: {largest:.2e}")
