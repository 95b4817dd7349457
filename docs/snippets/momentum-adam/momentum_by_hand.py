import torch

x = torch.tensor([1.0, 2.0, 3.0])
y = torch.tensor([1.0, 2.0, 3.0])
lr, momentum = 0.15, 0.7

p = torch.tensor([-1.0, 2.0])  # by hand: W and b in one tensor
velocity = torch.zeros(2)
q = torch.tensor([-1.0, 2.0], requires_grad=True)  # the same, for SGD
optimizer = torch.optim.SGD([q], lr=lr, momentum=momentum)

for step in range(1, 6):
    residual = p[0] * x + p[1] - y
    g = torch.stack([2 * torch.mean(residual * x), 2 * torch.mean(residual)])
    velocity = momentum * velocity + g  # the first velocity is g itself
    p = p - lr * velocity

    cost = torch.mean((q[0] * x + q[1] - y) ** 2)
    optimizer.zero_grad()
    cost.backward()
    optimizer.step()
    same = torch.allclose(p, q)
    print(f"step {step}: W = {p[0]:8.5f}, b = {p[1]:8.5f}, as SGD: {same}")
