import torch

from gd_tutorial import curvatures, damping, momentum_matrix, momentum_max_lr, toy_data

x_train, _ = toy_data()
steep = curvatures(x_train)[1]  # across the valley
mu = 0.7
low, high = (1 - mu**0.5) ** 2 / steep, (1 + mu**0.5) ** 2 / steep  # the borders
bound = momentum_max_lr(mu, steep)  # 2 (1 + mu) / lam
print(f"borders: lr = {low:.5f} and {high:.5f}; stable below lr = {bound:.5f}")
for lr in (0.001, low, 0.15, high, 0.32):
    z = torch.linalg.eigvals(momentum_matrix(lr, mu, steep))
    print(f"lr {lr:.5f}: {damping(lr, mu, steep):17s} eigenvalues", end=" ")
    print(f"{z[0]:.3f}, {z[1]:.3f}  rate {z.abs().max():.4f}")
