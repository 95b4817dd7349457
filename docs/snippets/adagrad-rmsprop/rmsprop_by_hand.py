import torch

x = torch.tensor([1.0, 2.0, 3.0])
y = torch.tensor([1.0, 2.0, 3.0])
lr, alpha, eps = 0.15, 0.99, 1e-8  # alpha and eps: torch.optim.RMSprop's defaults

p = torch.tensor([-1.0, 2.0])  # by hand: W and b in one tensor
v = torch.zeros(2)  # a moving average of the squared gradients
q = torch.tensor([-1.0, 2.0], requires_grad=True)  # the same, for RMSprop
optimizer = torch.optim.RMSprop([q], lr=lr, alpha=alpha, eps=eps)

largest = 0.0
for t in range(1, 61):
    residual = p[0] * x + p[1] - y
    g = torch.stack([2 * torch.mean(residual * x), 2 * torch.mean(residual)])
    v = alpha * v + (1 - alpha) * g * g  # Adam's v, and no m, no correction
    p = p - lr * g / (v.sqrt() + eps)

    cost = torch.mean((q[0] * x + q[1] - y) ** 2)
    optimizer.zero_grad()
    cost.backward()
    optimizer.step()
    largest = max(largest, (p - q).abs().max().item())
    if t <= 3 or t == 60:
        print(f"step {t:2d}: W = {p[0]:8.5f}, b = {p[1]:8.5f}")
print(f"largest difference from torch.optim.RMSprop in 60 steps: {largest:.2e}")
