import torch

# The lesson's data: y = x, so the best model H(x) = W * x has W = 1.
x_train = torch.tensor([[1.0], [2.0], [3.0]])
y_train = torch.tensor([[1.0], [2.0], [3.0]])

# One weight, starting at 0: a leaf tensor that autograd tracks.
W = torch.zeros(1, requires_grad=True)
# lr 0.15 on the true gradient = lr 0.1 on the course's sum.
optimizer = torch.optim.SGD([W], lr=0.15)
nb_epochs = 10
log_format = "Epoch {:4d}/{} W: {:.3f}, Cost: {:.6f}"  # the course's log line

for epoch in range(nb_epochs + 1):
    # Recompute the cost from W every epoch: a fresh graph for backward().
    hypothesis = x_train * W
    cost = torch.mean((hypothesis - y_train) ** 2)

    print(log_format.format(epoch, nb_epochs, W.item(), cost.item()))

    optimizer.zero_grad()  # clear W.grad
    cost.backward()  # store d cost / d W in W.grad
    optimizer.step()  # W -= lr * W.grad, in place, with autograd off
