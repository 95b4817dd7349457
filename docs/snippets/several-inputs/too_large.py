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

for lr in [4e-5, 5e-5]:  # just below and just above the stable bound 2 / largest = 4.54e-5
    W = torch.zeros((3, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([W, b], lr=lr)
    costs = []
    for _ in range(31):
        cost = torch.mean((x_train @ W + b - y_train) ** 2)
        costs.append(cost.item())
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()
    print(f"lr={lr:g}: cost at epochs 0, 10, 20, 30:", [f"{costs[k]:.4g}" for k in (0, 10, 20, 30)])
