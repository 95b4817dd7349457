import math
import warnings

from gd_tutorial import curvatures, momentum_descent, rate_map, toy_data

x_train, y_train = toy_data()
x64, y64 = x_train.double(), y_train.double()  # float64: the late distances are tiny
lams = curvatures(x_train)
lrs = [0.05, 0.1, 0.15, 0.25]
for mu, nesterov in [(0.3, False), (0.7, True)]:
    rates = rate_map(lrs, [mu], lams, nesterov=nesterov)[0]  # one row: this momentum
    for lr, rate in zip(lrs, rates.tolist(), strict=True):
        with warnings.catch_warnings(record=True):  # the diverging runs warn
            run = momentum_descent(
                x64, y64, lr=lr, epochs=140, momentum=mu, nesterov=nesterov, w0=-1.0, b0=2.0
            )
        d = [math.hypot(w - 1, b) for w, b in zip(run.weights, run.biases, strict=True)]
        measured = (max(d[100:140]) / max(d[20:60])) ** (1 / 80)  # 80 epochs apart
        name = "Nesterov" if nesterov else "momentum"
        print(f"{name} {mu}, lr {lr:.2f}: map {rate:.4f}, run {measured:.4f}", end="")
        print(", diverged" if run.diverged else "")
