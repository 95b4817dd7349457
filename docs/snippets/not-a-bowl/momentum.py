import torch

x = torch.tensor([1.0, 2.0, 3.0])
y = torch.sin(x)


def descend(w0, momentum, lr=0.1, epochs=200):
    w = torch.tensor(w0, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr, momentum=momentum)
    visited = [w0]
    for _ in range(epochs):
        cost = torch.mean((torch.sin(w * x) - y) ** 2)
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()
        visited.append(w.item())
    return visited


for w0, momentum in [(0.0, 0.0), (0.0, 0.7), (2.0, 0.0), (2.0, 0.8)]:
    visited = descend(w0, momentum)
    low, high = min(visited), max(visited)
    print(
        f"start {w0}, momentum {momentum}: ends at w = {visited[-1]:.4f}"
        f" (visited {low:.3f} to {high:.3f})"
    )
