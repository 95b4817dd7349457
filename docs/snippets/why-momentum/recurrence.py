import torch

from gd_tutorial import curvatures, damping, momentum_matrix, toy_data

x_train, _ = toy_data()
lr, mu = 0.15, 0.7  # the momentum run of the previous page
for name, lam in zip(("along", "across"), curvatures(x_train), strict=True):
    # (x_t, x_{t-1}) -> (x_{t+1}, x_t) for the distance x along this direction
    matrix = momentum_matrix(lr, mu, lam)
    a, b = matrix[0].tolist()
    z = torch.linalg.eigvals(matrix)
    print(f"{name}: lr * lam = {lr * lam:.4f}, matrix [[{a:.4f}, {b:.4f}], [1, 0]]")
    print(f"  eigenvalues {z[0]:.4f} and {z[1]:.4f}, |z| = {z.abs().max():.4f}")
    print(f"  {damping(lr, mu, lam)}; plain descent's factor {1 - lr * lam:+.4f}")
print(f"sqrt(mu) = {mu**0.5:.4f}")
