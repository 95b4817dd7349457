import textwrap
import warnings

import torch
from torch import nn

y_train = torch.tensor([[1.0], [2.0], [3.0]])
prediction = torch.tensor([1.0, 2.0, 3.0])  # every prediction right, but of shape (3,)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    cost = nn.MSELoss()(prediction, y_train)  # broadcasts (3,) against (3, 1)
print(f"nn.MSELoss: {cost.item():.4f}, but every prediction is right")
for warning in caught:
    print(textwrap.fill(f"{warning.category.__name__}: {warning.message}", width=72))

right = nn.MSELoss()(prediction.reshape(3, 1), y_train)
print(f"with the shape of y_train, (3, 1): {right.item():.4f}")
