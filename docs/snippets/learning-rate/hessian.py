import torch

x_train = torch.tensor([[1.0], [2.0], [3.0]])
y_train = torch.tensor([[1.0], [2.0], [3.0]])


def cost(params):  # the mean squared error of H(x) = W * x + b
    W, b = params
    return torch.mean((W * x_train + b - y_train) ** 2)


# Every second derivative of the cost, computed by autograd at (W, b) = (-1, 2).
H = torch.autograd.functional.hessian(cost, torch.tensor([-1.0, 2.0]))
print("Hessian H:")
for row in H.tolist():
    print(f"  [{row[0]:8.4f} {row[1]:8.4f}]")

eigenvalues = torch.linalg.eigvalsh(H)  # smallest first
print("eigenvalues:", ", ".join(f"{lam:.4f}" for lam in eigenvalues))
eigenvalues, directions = torch.linalg.eigh(H)  # the same, and their directions
for lam, v in zip(eigenvalues, directions.T, strict=True):
    stretched = torch.allclose(H @ v, lam * v)
    print(f"direction ({v[0]:+.4f}, {v[1]:+.4f}): H v = {lam:.4f} v  {stretched}")
