import torch
from torch.utils.data import DataLoader, TensorDataset

from gd_tutorial import noisy_data

x, y = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)
g = torch.Generator().manual_seed(0)
train = DataLoader(TensorDataset(x[:10], y[:10]), batch_size=5, shuffle=True, generator=g)
valid = DataLoader(TensorDataset(x[10:], y[10:]), batch_size=5)


class Polynomial(torch.nn.Module):
    def __init__(self, degree):
        super().__init__()
        self.degree = degree
        self.linear = torch.nn.Linear(degree, 1)  # one weight per power, and a bias

    def forward(self, x):
        u = x / 2.5 - 1  # x in [0, 5] becomes u in [-1, 1]: no power grows huge
        return self.linear(torch.cat([u**k for k in range(1, self.degree + 1)], dim=1))


def evaluate(model, loader):
    model.eval()  # evaluation mode (for layers such as Dropout)
    with torch.no_grad():  # no graph: nothing here is for backward()
        total = sum(torch.sum((model(xb) - yb) ** 2).item() for xb, yb in loader)
    return total / len(loader.dataset)


torch.manual_seed(0)
model = Polynomial(degree=9)  # 10 numbers to fit 10 points
optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
best_cost, best_epoch, best_state = float("inf"), 0, None
for epoch in range(1, 601):
    model.train()  # training mode
    for xb, yb in train:
        cost = torch.mean((model(xb) - yb) ** 2)
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()
    train_cost, valid_cost = evaluate(model, train), evaluate(model, valid)
    if valid_cost < best_cost:  # early stopping: remember the best weights
        best_cost, best_epoch = valid_cost, epoch
        best_state = {k: v.clone() for k, v in model.state_dict().items()}
    if epoch in (1, 10, 20, 40, 60, 100, 200, 400, 600):
        print(f"epoch {epoch:3d}: training {train_cost:7.4f}, validation {valid_cost:7.4f}")

model.load_state_dict(best_state)
print(f"best validation cost {best_cost:.4f} at epoch {best_epoch}")
print(f"restored: validation {evaluate(model, valid):.4f}, training {evaluate(model, train):.4f}")
