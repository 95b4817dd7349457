import torch

x_train = torch.tensor([[1.0], [2.0], [3.0]])
y_train = torch.tensor([[1.0], [2.0], [3.0]])

for W in (0.5, 1.0, 2.0):
    prediction = x_train * W  # H(x) = W * x
    values = prediction.flatten().tolist()
    exact = torch.equal(prediction, y_train)
    print(f"W = {W}: predictions {values}, equal to y_train: {exact}")
