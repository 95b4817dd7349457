import torch

from gd_tutorial import best_lr, best_momentum, descent_rate, epochs_to_shrink, momentum_rate

x_train = torch.tensor(
    [[73, 80, 75], [93, 88, 93], [89, 91, 90], [96, 98, 100], [73, 66, 70]], dtype=torch.float64
)
scaled = (x_train - x_train.mean(dim=0)) / x_train.std(dim=0)  # each input: mean 0, spread 1
for name, x in [("raw", x_train), ("standardised", scaled)]:
    xb = torch.cat([x, torch.ones(len(x), 1, dtype=torch.float64)], dim=1)  # [X 1]
    lams = torch.linalg.eigvalsh(2 / len(x) * xb.T @ xb).tolist()  # the Hessian's eigenvalues
    kappa = lams[-1] / lams[0]
    print(f"{name}: curvatures", ", ".join(f"{lam:.4g}" for lam in lams))
    print(f"  condition number {kappa:.4g}, its square root {kappa**0.5:.4g}")
    if name == "raw":
        course = epochs_to_shrink(descent_rate(1e-5, lams))
        print(f"  plain descent, the course's lr 1e-05: {course} epochs to shrink 1000-fold")
    lr = best_lr(lams)
    plain = epochs_to_shrink(descent_rate(lr, lams))
    print(f"  plain descent, best lr {lr:.4g}: {plain} epochs")
    lr, mu = best_momentum(lams)
    fast = epochs_to_shrink(momentum_rate(lr, mu, lams))
    print(f"  momentum, best pair ({lr:.4g}, {mu:.4f}): {fast} epochs")
