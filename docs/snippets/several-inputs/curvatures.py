import math

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

# The cost is a bowl over four numbers (w1, w2, w3, b). Its Hessian is constant:
# 2/m * A.T @ A, where A is x_train with a column of ones for the bias.
A = torch.cat([x_train, torch.ones(m, 1)], dim=1).double()
hessian = 2 / m * A.T @ A  # (4, 4)
curvatures = torch.linalg.eigvalsh(hessian)  # its eigenvalues, smallest first

smallest, largest = curvatures[0].item(), curvatures[-1].item()
lr = 1e-5
factor = 1 - lr * smallest  # what each epoch leaves of the distance along the gentlest axis
print("curvatures:", ", ".join(f"{c:.4g}" for c in curvatures))
print(f"condition number: {largest / smallest:,.0f}")
print(f"stable bound 2 / largest: {2 / largest:.3g}, the course's lr: {lr:g}")
print(f"factor per epoch along the gentlest axis at lr={lr:g}: {factor:.10f}")
print(f"epochs to shrink that distance 1000-fold: {math.log(1000) / -math.log(factor):.3g}")
