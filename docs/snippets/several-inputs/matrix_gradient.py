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
m = x_train.shape[0]

W = torch.tensor([[0.5], [0.2], [0.3]], requires_grad=True)
b = torch.tensor([1.0], requires_grad=True)

cost = torch.mean((x_train @ W + b - y_train) ** 2)
cost.backward()  # autograd fills W.grad (3, 1) and b.grad (1,)

with torch.no_grad():
    residual = x_train @ W + b - y_train  # (5, 1): prediction minus target, per student
    w_gradient = 2 / m * x_train.T @ residual  # (3, 5) @ (5, 1) -> (3, 1)
    b_gradient = 2 * residual.mean(dim=0)  # (1,)

print("by hand, W:", w_gradient.flatten().tolist(), " b:", b_gradient.tolist())
print("autograd, W:", W.grad.flatten().tolist(), " b:", b.grad.tolist())
print("equal:", torch.allclose(w_gradient, W.grad), torch.allclose(b_gradient, b.grad))
