import html
import json

from gd_tutorial import closed_form_weight, curvature, max_stable_lr, toy_data

x, y = toy_data()
reductions = ("sum", "mean")
data = {
    "x": x.flatten().tolist(),
    "y": y.flatten().tolist(),
    "best": closed_form_weight(x, y),
    "L": {r: curvature(x, r) for r in reductions},
    "bound": {r: max_stable_lr(x, r) for r in reductions},
    "course": {"lr": 0.1, "epochs": 10, "w0": 0.0, "reduction": "sum"},  # the course's run
}
print(f'<div class="gd-explorer" data-gd-explorer="{html.escape(json.dumps(data))}"></div>')
