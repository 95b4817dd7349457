import torch
from torch import nn

x_train = torch.tensor([[1.0], [2.0], [3.0]])
y_train = torch.tensor([[1.0], [2.0], [3.0]])

# 1 input, 1 output, no bias: model(x) is x * W, our H(x) = W * x.
model = nn.Linear(1, 1, bias=False)
nn.init.zeros_(model.weight)  # start at W = 0, as the course does
loss_fn = nn.MSELoss()  # mean((prediction - target) ** 2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.15)
nb_epochs = 10
log_format = "Epoch {:4d}/{} W: {:.3f}, Cost: {:.6f}"  # the course's log

for epoch in range(nb_epochs + 1):
    prediction = model(x_train)
    cost = loss_fn(prediction, y_train)

    W = model.weight.item()  # the one number inside the (1, 1) weight
    print(log_format.format(epoch, nb_epochs, W, cost.item()))

    optimizer.zero_grad()
    cost.backward()
    optimizer.step()
