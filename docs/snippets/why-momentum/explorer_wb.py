import html
import json

from gd_tutorial import curvatures, max_stable_lr, toy_data

x, y = toy_data()
data = {
    "x": x.flatten().tolist(),
    "y": y.flatten().tolist(),
    "curvatures": curvatures(x),  # (smallest, largest), model W * x + b
    "bound": max_stable_lr(x, bias=True),
    "start": {
        "method": "momentum_descent",
        "lr": 0.15,
        "epochs": 60,
        "momentum": 0.7,
        "nesterov": False,
        "w0": -1.0,
        "b0": 2.0,
    },
}
attribute = html.escape(json.dumps(data))
print(f'<div class="gd-explorer gd-explorer-wb" data-gd-explorer-wb="{attribute}"></div>')
