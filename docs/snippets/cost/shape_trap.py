import torch

from gd_tutorial import mse

y_train = torch.tensor([[1.0], [2.0], [3.0]])  # shape (3, 1)
prediction = torch.tensor([1.0, 2.0, 3.0])  # perfect, but shape (3,)

difference = prediction - y_train  # broadcasts to (3, 3), silently
print("difference shape:", tuple(difference.shape))
print("wrong cost:", round(torch.mean(difference**2).item(), 4))

right = prediction.reshape(3, 1) - y_train  # same shapes: (3, 1)
print("right cost:", torch.mean(right**2).item())

try:
    mse(prediction, y_train)
except ValueError as error:
    print("gd_tutorial.mse refuses:")
    print(error)
