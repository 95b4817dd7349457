from gd_tutorial import (
    adagrad_descent,
    adam_descent,
    gradient_descent,
    momentum_descent,
    rmsprop_descent,
    toy_data,
)

x_train, y_train = toy_data()  # the best line: W = 1, b = 0, cost 0
runs = {  # each lr: the best of one grid by the cost after 60 epochs (see the text)
    "plain, lr 0.15": (gradient_descent, {"lr": 0.15}),
    "momentum 0.7, lr 0.2": (momentum_descent, {"lr": 0.2, "momentum": 0.7}),
    "Adam, lr 0.3": (adam_descent, {"lr": 0.3}),
    "Adagrad, lr 1.5": (adagrad_descent, {"lr": 1.5}),
    "RMSProp, lr 0.15": (rmsprop_descent, {"lr": 0.15}),
}
print(f"{'':22s} {'cost after 60':>14s} {'after 1000':>11s}")
for name, (descent, settings) in runs.items():
    run = descent(x_train, y_train, epochs=1000, w0=-1.0, b0=2.0, **settings)
    print(f"{name:22s} {run.costs[60]:14.2e} {run.costs[1000]:11.2e}")
