import torch

from gd_tutorial import noisy_data

x, y = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)  # x in random order
x_train, y_train = x[:10], y[:10]  # the first 10 points: the model learns from these
x_valid, y_valid = x[10:], y[10:]  # the other 10: only ever measured


def cost(W, x, y):
    return torch.mean((W * x - y) ** 2).item()


# The one-weight line H(x) = W x: its training cost is lowest at the least-squares slope.
W = (x_train * y_train).sum() / (x_train * x_train).sum()
print(f"least-squares W = {W:.4f}")
print(f"training cost   = {cost(W, x_train, y_train):.4f}")
print(f"validation cost = {cost(W, x_valid, y_valid):.4f}")
print(f"the true line W = 2: validation cost {cost(2.0, x_valid, y_valid):.4f}")
