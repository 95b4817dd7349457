import math

from gd_tutorial import (
    best_momentum,
    curvatures,
    damping,
    epochs_to_shrink,
    momentum_descent,
    momentum_rate,
    toy_data,
)

x_train, y_train = toy_data()
lams = curvatures(x_train)
kappa = lams[1] / lams[0]
lr, mu = best_momentum(lams)
rate = momentum_rate(lr, mu, lams)
print(f"best pair: lr = {lr:.4f}, momentum = {mu:.4f}")
print(f"rate {rate:.4f} = sqrt(momentum) = (sqrt(kappa) - 1) / (sqrt(kappa) + 1)", end=" ")
print(f"= {(kappa**0.5 - 1) / (kappa**0.5 + 1):.4f}")
print("directions:", ", ".join(damping(lr, mu, lam) for lam in lams))
print(f"shrink 1000-fold: {epochs_to_shrink(rate)} epochs predicted")

x64, y64 = x_train.double(), y_train.double()  # float64: the late distances are tiny
run = momentum_descent(x64, y64, lr=lr, epochs=101, momentum=mu, w0=-1.0, b0=2.0)
d = [math.hypot(w - 1, b) for w, b in zip(run.weights, run.biases, strict=True)]
arrived = next(k for k in range(len(d)) if max(d[k:]) < d[0] / 1000)
print(f"the run: {arrived} epochs to shrink 1000-fold")
print("its factor per epoch:", ", ".join(f"{d[k + 1] / d[k]:.4f} at {k}" for k in (25, 50, 100)))
