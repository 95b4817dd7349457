import torch

x = torch.tensor([1.0, 2.0, 3.0])
y = torch.tensor([1.0, 2.0, 3.0])
lr, beta1, beta2, eps = 0.3, 0.9, 0.999, 1e-8

p = torch.tensor([-1.0, 2.0])  # by hand: W and b in one tensor
m, v = torch.zeros(2), torch.zeros(2)  # running means of g and g * g
q = torch.tensor([-1.0, 2.0], requires_grad=True)  # the same, for Adam
optimizer = torch.optim.Adam([q], lr=lr, betas=(beta1, beta2), eps=eps)

for t in range(1, 6):
    residual = p[0] * x + p[1] - y
    g = torch.stack([2 * torch.mean(residual * x), 2 * torch.mean(residual)])
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)  # t from 1
    p = p - lr * m_hat / (v_hat.sqrt() + eps)  # about lr per weight

    cost = torch.mean((q[0] * x + q[1] - y) ** 2)
    optimizer.zero_grad()
    cost.backward()
    optimizer.step()
    same = torch.allclose(p, q)
    print(f"step {t}: W = {p[0]:8.5f}, b = {p[1]:8.5f}, as Adam: {same}")
