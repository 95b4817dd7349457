import torch

# The course's first loop: one tensor per quiz score, one weight each, and a bias.
x1_train = torch.tensor([[73.0], [93.0], [89.0], [96.0], [73.0]])
x2_train = torch.tensor([[80.0], [88.0], [91.0], [98.0], [66.0]])
x3_train = torch.tensor([[75.0], [93.0], [90.0], [100.0], [70.0]])
y_train = torch.tensor([[152.0], [185.0], [180.0], [196.0], [142.0]])

w1 = torch.zeros(1, requires_grad=True)
w2 = torch.zeros(1, requires_grad=True)
w3 = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
optimizer = torch.optim.SGD([w1, w2, w3, b], lr=1e-5)

nb_epochs = 1000
for epoch in range(nb_epochs + 1):
    hypothesis = x1_train * w1 + x2_train * w2 + x3_train * w3 + b
    cost = torch.mean((hypothesis - y_train) ** 2)

    optimizer.zero_grad()
    cost.backward()
    optimizer.step()

    if epoch % 100 == 0:  # the course prints w3 twice here; this prints w2, then w3
        line = "Epoch {:4d}/{} w1: {:.3f} w2: {:.3f} w3: {:.3f} b: {:.3f} Cost: {:.6f}"
        print(line.format(epoch, nb_epochs, w1.item(), w2.item(), w3.item(), b.item(), cost.item()))
