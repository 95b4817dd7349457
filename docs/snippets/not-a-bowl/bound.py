import torch

x = torch.tensor([1.0, 2.0, 3.0])
y = torch.sin(x)


def descend(w0, lr, epochs=200):
    w = torch.tensor(w0, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr)
    visited = [w0]
    for _ in range(epochs):
        cost = torch.mean((torch.sin(w * x) - y) ** 2)
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()
        visited.append(w.item())
    return visited


# 2/L is 0.306 at the best minimum w = 1 and 0.598 at the minimum near w = 0.275.
for w0, lr in [(0.9, 0.30), (0.9, 0.35), (0.4, 0.35)]:
    last = ", ".join(f"{w:.4f}" for w in descend(w0, lr)[-4:])
    print(f"start {w0}, lr {lr:.2f}: the last four w are {last}")
