import torch

x_train = torch.tensor(
    [
        [73.0, 80.0, 75.0],
        [93.0, 88.0, 93.0],
        [89.0, 91.0, 90.0],
        [96.0, 98.0, 100.0],
        [73.0, 66.0, 70.0],
    ]
)
y_train = torch.tensor([[152.0], [185.0], [180.0], [196.0], [142.0]])
z_train = (x_train - x_train.mean(dim=0)) / x_train.std(dim=0)
A = torch.cat([x_train, torch.ones(5, 1)], dim=1).double()
best = torch.linalg.lstsq(A, y_train.double()).solution  # the least-squares answer
best_cost = torch.mean((A @ best - y_train.double()) ** 2).item()

W = torch.zeros((3, 1), requires_grad=True)
b = torch.zeros(1, requires_grad=True)
optimizer = torch.optim.SGD([W, b], lr=0.3)  # the bound is now 0.434
for epoch in range(1, 1001):
    cost = torch.mean((z_train @ W + b - y_train) ** 2)
    optimizer.zero_grad()
    cost.backward()
    optimizer.step()
    with torch.no_grad():
        cost = torch.mean((z_train @ W + b - y_train) ** 2).item()
    if epoch in (1, 10, 100) or cost <= 1.01 * best_cost:
        print(f"epoch {epoch:4d}: cost {cost:.6f}, b {b.item():.3f}")
    if cost <= 1.01 * best_cost:
        print(f"within 1% of the least-squares cost, {best_cost:.6f}, after {epoch} epochs")
        break
