import torch
from torch.utils.data import DataLoader, TensorDataset

from gd_tutorial import noisy_data

x_train, y_train = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)

generator = torch.Generator().manual_seed(0)
loader = DataLoader(
    TensorDataset(x_train, y_train),
    batch_size=5,
    shuffle=True,  # a new order each epoch, drawn from the generator
    generator=generator,
)
W = torch.zeros(1, requires_grad=True)
optimizer = torch.optim.SGD([W], lr=0.02)

for epoch in range(1, 11):
    for x_batch, y_batch in loader:  # 4 batches of 5 samples
        cost = torch.mean((x_batch * W - y_batch) ** 2)
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()
    print(f"epoch {epoch:2d}: W = {W.item():.4f}")

best = torch.sum(x_train * y_train) / torch.sum(x_train**2)
print(f"best W* = {best.item():.4f}")
