import torch

from gd_tutorial import (
    adagrad_descent,
    adam_descent,
    gradient_descent,
    momentum_descent,
    rmsprop_descent,
)

x = torch.tensor([[73.0, 80, 75], [93, 88, 93], [89, 91, 90], [96, 98, 100], [73, 66, 70]])
y = torch.tensor([[152.0], [185], [180], [196], [142]])  # the raw scores of lab 4
A = torch.cat([x, torch.ones(5, 1)], dim=1).double()
best = torch.mean((A @ torch.linalg.lstsq(A, y.double()).solution - y) ** 2).item()
print(f"least-squares cost {best:.6f}")
runs = {  # each lr: the best of one grid by the cost after 1000 epochs (see the text)
    "plain, lr 3e-5": (gradient_descent, {"lr": 3e-5}),
    "momentum 0.7, lr 3e-5": (momentum_descent, {"lr": 3e-5, "momentum": 0.7}),
    "Adam, lr 1": (adam_descent, {"lr": 1.0}),
    "Adagrad, lr 1": (adagrad_descent, {"lr": 1.0}),
    "RMSProp, lr 3e-3": (rmsprop_descent, {"lr": 3e-3}),
}
for name, (descent, settings) in runs.items():
    run = descent(x, y, epochs=1000, b0=0.0, **settings)  # from W = 0, b = 0
    cost = run.costs[-1]
    print(f"{name:22s} cost after 1000 epochs {cost:.4f}, {cost / best:5.2f} x least squares")
