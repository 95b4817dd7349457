import torch

from gd_tutorial import curvatures, momentum_matrix, momentum_max_lr, momentum_rate, toy_data

x_train, _ = toy_data()
lams = curvatures(x_train)
mu = 0.7
heavy, nesterov = momentum_max_lr(mu, lams), momentum_max_lr(mu, lams, nesterov=True)
print(f"momentum {mu}: heavy ball stable below lr {heavy:.4f}, Nesterov below {nesterov:.4f}")
print(f"ratio {heavy / nesterov:.2f} = 1 + 2 * momentum")
for lr in (0.1, 0.15):
    matrix = momentum_matrix(lr, mu, lams[1], nesterov=True)  # across the valley
    z = torch.linalg.eigvals(matrix)
    print(f"Nesterov, lr {lr}: across, eigenvalues {z[0]:.4f} and {z[1]:.4f};", end=" ")
    print(f"rate {momentum_rate(lr, mu, lams, nesterov=True):.4f}")
