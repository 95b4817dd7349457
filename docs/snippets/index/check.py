import torch

x_train = torch.tensor([[1.0], [2.0], [3.0]])
print(x_train.shape)
