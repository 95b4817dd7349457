import torch

x_train = torch.tensor([[1.0], [2.0], [3.0]])
y_train = torch.tensor([[1.0], [2.0], [3.0]])

# Two parameters now: the weight W and the bias b, both leaf tensors.
W = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
optimizer = torch.optim.SGD([W, b], lr=0.15)
nb_epochs = 500
log_format = "Epoch {:4d}/{} W: {:.3f}, b: {:.3f}, Cost: {:.6f}"

for epoch in range(nb_epochs + 1):
    hypothesis = x_train * W + b
    cost = torch.mean((hypothesis - y_train) ** 2)

    if epoch % 100 == 0:
        values = W.item(), b.item(), cost.item()
        print(log_format.format(epoch, nb_epochs, *values))

    optimizer.zero_grad()
    cost.backward()
    optimizer.step()
