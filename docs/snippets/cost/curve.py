import torch

from gd_tutorial import cost_curve, toy_data

x_train, y_train = toy_data()
weights = torch.linspace(-1, 3, steps=5)  # five candidate values of W

# One broadcast: a column of weights times a row of inputs.
predictions = weights.reshape(-1, 1) * x_train.reshape(1, -1)
errors = predictions - y_train.reshape(1, -1)
costs = torch.mean(errors**2, dim=1)  # one row per W: mean per row
print("weights", tuple(weights.shape))
print("predictions", tuple(predictions.shape))
print("costs", tuple(costs.shape), costs)

same = torch.allclose(costs, cost_curve(weights, x_train, y_train))
print("same as cost_curve:", same)
