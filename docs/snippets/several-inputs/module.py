import torch
from torch import nn

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


class ScoreModel(nn.Module):
    """Standardise the three scores with the training data's numbers, then nn.Linear(3, 1)."""

    def __init__(self, x_train: torch.Tensor):
        super().__init__()
        self.register_buffer("mean", x_train.mean(dim=0))  # saved with the model, not learned
        self.register_buffer("std", x_train.std(dim=0))
        self.linear = nn.Linear(3, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear((x - self.mean) / self.std)


torch.manual_seed(1)  # nn.Linear starts from random weights
model = ScoreModel(x_train)
optimizer = torch.optim.SGD(model.parameters(), lr=0.3)
for epoch in range(601):
    cost = nn.functional.mse_loss(model(x_train), y_train)
    optimizer.zero_grad()
    cost.backward()
    optimizer.step()
    if epoch % 100 == 0:
        print(f"Epoch {epoch:4d}/600 Cost: {cost.item():.6f}")

with torch.no_grad():
    new_student = torch.tensor([[90.0, 85.0, 95.0]])
    print("prediction for", new_student.tolist(), ":", round(model(new_student).item(), 2))
