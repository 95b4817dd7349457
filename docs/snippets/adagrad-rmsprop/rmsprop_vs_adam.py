import torch

x = torch.tensor([1.0, 2.0, 3.0])
y = torch.tensor([1.0, 2.0, 3.0])
lr, alpha, eps = 0.15, 0.99, 1e-8
p = torch.tensor([-1.0, 2.0], requires_grad=True)
q = torch.tensor([-1.0, 2.0], requires_grad=True)
rmsprop = torch.optim.RMSprop([p], lr=lr, alpha=alpha, eps=eps)
adam = torch.optim.Adam([q], lr=lr, betas=(0.0, alpha), eps=eps)  # no momentum

for t in range(1, 1001):
    moves = []
    for params, optimizer in ((p, rmsprop), (q, adam)):
        before = params.detach().clone()
        optimizer.zero_grad()
        torch.mean((params[0] * x + params[1] - y) ** 2).backward()
        optimizer.step()
        moves.append((params.detach() - before).norm().item())
    if t in (1, 2, 60, 1000):
        correction = 1 / (1 - alpha**t) ** 0.5  # 1 / sqrt(1 - alpha^t)
        print(f"step {t:4d}: RMSprop moves {moves[0]:.4f}, Adam {moves[1]:.4f}:", end="")
        print(f" ratio {moves[0] / moves[1]:6.3f}, correction {correction:.3f}")
with torch.no_grad():
    costs = [torch.mean((r[0] * x + r[1] - y) ** 2).item() for r in (p, q)]
print(f"cost after 1000 steps: RMSprop {costs[0]:.4f}, Adam with beta1 = 0 {costs[1]:.4f}")
