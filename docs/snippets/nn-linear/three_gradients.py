import torch
from torch import nn

x_train = torch.tensor([[1.0], [2.0], [3.0]])
y_train = torch.tensor([[1.0], [2.0], [3.0]])

# The course's gradient at W = 0, written by hand: sum((W * x - y) * x).
W = torch.zeros(1)
course = torch.sum((W * x_train - y_train) * x_train).item()
print(f"course's sum form  gradient {course:8.4f}  x lr 0.10 = step {0.10 * course:.4f}")

# The gradients autograd finds for nn.MSELoss, with each reduction.
for reduction, lr in (("mean", 0.15), ("sum", 0.05)):
    model = nn.Linear(1, 1, bias=False)
    nn.init.zeros_(model.weight)
    cost = nn.MSELoss(reduction=reduction)(model(x_train), y_train)
    cost.backward()
    gradient = model.weight.grad.item()
    print(f"MSELoss({reduction!r:6}) gradient {gradient:8.4f}  x lr {lr:.2f} = step {lr * gradient:.4f}")
