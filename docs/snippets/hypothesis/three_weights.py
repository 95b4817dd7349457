import torch

x_train = torch.tensor([[1.0], [2.0], [3.0]])
y_train = torch.tensor([[1.0], [2.0], [3.0]])

W = torch.tensor([1.0, 2.0, 3.0])  # three weights: the note's mistake
prediction = x_train * W  # (3, 1) * (3,) broadcasts to (3, 3)
print("prediction shape:", tuple(prediction.shape))
print(prediction)

# No error, but what does this number mean?
cost = torch.mean((prediction - y_train) ** 2)
print("a 'cost' of three models mixed:", round(cost.item(), 4))
