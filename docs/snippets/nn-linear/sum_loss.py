import torch
from torch import nn

x_train = torch.tensor([[1.0], [2.0], [3.0]])
y_train = torch.tensor([[1.0], [2.0], [3.0]])

model = nn.Linear(1, 1, bias=False)
with torch.no_grad():
    model.weight.zero_()  # the same as nn.init.zeros_(model.weight)
loss_fn = nn.MSELoss(reduction="sum")  # sum((prediction - target) ** 2)
# Twice the course's sum gradient: half the course's lr = 0.1.
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
nb_epochs = 10
log_format = "Epoch {:4d}/{} W: {:.3f}, Cost: {:.6f}"

for epoch in range(nb_epochs + 1):
    prediction = model(x_train)
    cost = loss_fn(prediction, y_train)  # a sum: 3 times the mean

    W = model.weight.item()
    print(log_format.format(epoch, nb_epochs, W, cost.item()))

    optimizer.zero_grad()
    cost.backward()
    optimizer.step()
