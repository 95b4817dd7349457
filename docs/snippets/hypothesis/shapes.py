import torch

from gd_tutorial import hypothesis, toy_data

x_train, y_train = toy_data()  # the same two (3, 1) tensors as above

W = torch.tensor([1.0])  # one weight, shape (1,)
prediction = hypothesis(x_train, W)
print("W:", tuple(W.shape), " x_train:", tuple(x_train.shape))
print("prediction:", tuple(prediction.shape))
print("equal to y_train:", torch.equal(prediction, y_train))
