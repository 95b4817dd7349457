import math

from gd_tutorial import (
    best_lr,
    curvatures,
    descent_rate,
    epochs_to_shrink,
    gradient_descent,
    toy_data,
)

x_train, y_train = toy_data()  # the (W, b) valley: x = y = [1, 2, 3], model W * x + b
gentle, steep = curvatures(x_train)  # the Hessian's two eigenvalues
kappa = steep / gentle
print(f"curvatures {gentle:.4f} and {steep:.4f}, condition number {kappa:.2f}")
print(f"(kappa - 1) / (kappa + 1) = {(kappa - 1) / (kappa + 1):.4f}")


def arrived(run):  # the first epoch from which the distance to (1, 0) stays below 1/1000
    d = [math.hypot(w - 1, b) for w, b in zip(run.weights, run.biases, strict=True)]
    return next(k for k in range(len(d)) if max(d[k:]) < d[0] / 1000)


for lr in (0.15, best_lr([gentle, steep])):
    along, across = 1 - lr * gentle, 1 - lr * steep
    rate = descent_rate(lr, [gentle, steep])  # the largest |1 - lr * lam|
    run = gradient_descent(x_train, y_train, lr=lr, epochs=300, w0=-1.0, b0=2.0)
    print(f"lr {lr:.4f}: factors {along:+.4f} along, {across:+.4f} across, rate {rate:.4f}")
    print(f"  shrink 1000-fold: {epochs_to_shrink(rate)} epochs predicted, {arrived(run)} run")
