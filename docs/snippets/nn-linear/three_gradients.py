import torch
from torch import nn

x_train = torch.tensor([[1.0], [2.0], [3.0]])
y_train = torch.tensor([[1.0], [2.0], [3.0]])
step = "{:<16} gradient {:8.4f}   lr {:.2f}   step {:.4f}"

# The course's gradient at W = 0, by hand: sum((W * x - y) * x).
W = torch.zeros(1)
gradient = torch.sum((W * x_train - y_train) * x_train).item()
print(step.format("course's sum", gradient, 0.1, 0.1 * gradient))

# The gradients autograd finds for nn.MSELoss, with each reduction.
for reduction, lr in (("mean", 0.15), ("sum", 0.05)):
    model = nn.Linear(1, 1, bias=False)
    nn.init.zeros_(model.weight)
    cost = nn.MSELoss(reduction=reduction)(model(x_train), y_train)
    cost.backward()
    gradient = model.weight.grad.item()
    name = f"MSELoss({reduction})"
    print(step.format(name, gradient, lr, lr * gradient))
