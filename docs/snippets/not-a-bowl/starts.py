import torch

x = torch.tensor([1.0, 2.0, 3.0])
y = torch.sin(x)


def descend(w0, lr=0.1, epochs=200, momentum=0.0):
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


for w0 in [0.0, 0.4, 0.6, 1.5, 2.4, 2.6, 3.5, 4.5]:
    w_end = descend(w0)[-1]
    cost = torch.mean((torch.sin(w_end * x) - y) ** 2)
    print(f"start w = {w0:.1f} -> ends at w = {w_end:.4f}, cost {cost:.4f}")
