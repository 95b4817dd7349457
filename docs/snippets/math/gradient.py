import torch

x_train = torch.tensor([[1.0], [2.0], [3.0]])
y_train = torch.tensor([[1.0], [2.0], [3.0]])

for value in (0.0, 2.0):
    # Our formula: 2 * mean((W x - y) x)
    error = value * x_train - y_train
    gradient = 2 * torch.mean(error * x_train)

    # Autograd, on the same W:
    W = torch.tensor(value, requires_grad=True)
    cost = torch.mean((W * x_train - y_train) ** 2)
    cost.backward()  # fills W.grad with d cost / dW

    formula, autograd = gradient.item(), W.grad.item()
    print(f"W = {value}: formula {formula:.4f}, autograd {autograd:.4f}")
