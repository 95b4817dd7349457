import torch

from gd_tutorial import hypothesis, mse, toy_data

x_train, y_train = toy_data()
W = 0.0

# The formula, in plain torch:
prediction = x_train * W
cost = torch.mean((prediction - y_train) ** 2)
print("by hand:    ", cost)

# The same with the package's functions:
print("gd_tutorial:", mse(hypothesis(x_train, W), y_train))
