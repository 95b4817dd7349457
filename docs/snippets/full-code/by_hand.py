import torch

# The lesson's data: y = x, so the best model H(x) = W * x has W = 1.
x_train = torch.tensor([[1.0], [2.0], [3.0]])
y_train = torch.tensor([[1.0], [2.0], [3.0]])

# One weight, starting at 0. No requires_grad: we compute the gradient.
W = torch.zeros(1)
lr = 0.1
nb_epochs = 10
log_format = "Epoch {:4d}/{} W: {:.3f}, Cost: {:.6f}"  # the course's log line

for epoch in range(nb_epochs + 1):
    hypothesis = x_train * W
    cost = torch.mean((hypothesis - y_train) ** 2)
    # The course's gradient: the true MSE gradient without its factor 2/m.
    gradient = torch.sum((W * x_train - y_train) * x_train)

    print(log_format.format(epoch, nb_epochs, W.item(), cost.item()))

    W -= lr * gradient
