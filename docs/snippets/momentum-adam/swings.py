import torch

from gd_tutorial import gradient_descent, momentum_descent, toy_data

x_train, y_train = toy_data()
m = x_train.mean().item()
hessian = 2 * torch.tensor([[(x_train**2).mean().item(), m], [m, 1.0]])
_, directions = torch.linalg.eigh(hessian)  # columns: along the valley, across it
start = {"lr": 0.15, "epochs": 12, "w0": -1.0, "b0": 2.0}
runs = {
    "plain": gradient_descent(x_train, y_train, **start),
    "momentum 0.7": momentum_descent(x_train, y_train, momentum=0.7, **start),
}
for name, run in runs.items():
    offsets = torch.tensor([run.weights, run.biases]).T - torch.tensor([1.0, 0.0])
    across = (offsets @ directions)[:, 1]  # the offset across the valley, step by step
    print(f"{name:12s} across:", " ".join(f"{a:+.2f}" for a in across.tolist()))
