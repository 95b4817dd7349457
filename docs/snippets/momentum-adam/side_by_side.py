import math

from gd_tutorial import (
    adam_descent,
    gradient_descent,
    momentum_descent,
    toy_data,
)

x_train, y_train = toy_data()  # the best line: W = 1, b = 0
start = {"w0": -1.0, "b0": 2.0, "epochs": 400}


# The first epoch from which the distance to the best (W, b) = (1, 0)
# stays below 1/1000 of the distance at the start.
def epochs_to_arrive(history):
    pairs = zip(history.weights, history.biases, strict=True)
    dist = [math.hypot(w - 1, b) for w, b in pairs]
    far = [k for k, d in enumerate(dist) if d > dist[0] / 1000]
    return far[-1] + 1 if far else 0


def run(descent, **settings):
    return descent(x_train, y_train, **settings, **start)


runs = {
    "plain, lr 0.15": run(gradient_descent, lr=0.15),
    "momentum 0.7, lr 0.15": run(momentum_descent, lr=0.15, momentum=0.7),
    "momentum 0.9, lr 0.15": run(momentum_descent, lr=0.15, momentum=0.9),
    "Nesterov 0.7, lr 0.1": run(
        momentum_descent,
        lr=0.1,
        momentum=0.7,
        nesterov=True,
    ),
    "Adam, lr 0.3": run(adam_descent, lr=0.3),
}
for name, history in runs.items():
    print(f"{name:22s} {epochs_to_arrive(history):4d} epochs")
