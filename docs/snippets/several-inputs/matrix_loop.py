import torch

x_train = torch.tensor(
    [
        [73.0, 80.0, 75.0],
        [93.0, 88.0, 93.0],
        [89.0, 91.0, 90.0],
        [96.0, 98.0, 100.0],
        [73.0, 66.0, 70.0],
    ]
)
y_train = torch.tensor([[152.0], [185.0], [180.0], [196.0], [142.0]])

W = torch.zeros((3, 1), requires_grad=True)
b = torch.zeros(1, requires_grad=True)
optimizer = torch.optim.SGD([W, b], lr=1e-5)

nb_epochs = 20
for epoch in range(nb_epochs + 1):
    hypothesis = x_train @ W + b  # the course writes x_train.matmul(W) + b: the same product
    cost = torch.mean((hypothesis - y_train) ** 2)

    optimizer.zero_grad()
    cost.backward()
    optimizer.step()

    line = "Epoch {:4d}/{} hypothesis: {} Cost: {:.6f}"
    print(line.format(epoch, nb_epochs, hypothesis.squeeze().detach(), cost.item()))
