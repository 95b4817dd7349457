import torch

from gd_tutorial import best_lr, best_momentum

x = torch.tensor([[73, 80, 75], [93, 88, 93], [89, 91, 90], [96, 98, 100], [73, 66, 70]])
y = torch.tensor([[152], [185], [180], [196], [142]], dtype=torch.float64)
x = (x - x.double().mean(dim=0)) / x.double().std(dim=0)  # standardised
xb = torch.cat([x, torch.ones(5, 1, dtype=torch.float64)], dim=1)
best = torch.linalg.lstsq(xb, y).solution  # the least-squares (W, b)
lams = torch.linalg.eigvalsh(2 / 5 * xb.T @ xb).tolist()
(lr_m, mu), lr_p = best_momentum(lams), best_lr(lams)
for name, lr, momentum in [("plain", lr_p, 0.0), ("momentum", lr_m, mu)]:
    p = torch.zeros(4, 1, dtype=torch.float64, requires_grad=True)  # W and b from 0
    optimizer = torch.optim.SGD([p], lr=lr, momentum=momentum)
    start, epoch = (best - p).norm().item(), 0
    while (best - p).norm().item() > start / 1000:
        optimizer.zero_grad()
        torch.mean((xb @ p - y) ** 2).backward()
        optimizer.step()
        epoch += 1
    print(f"{name}: distance to least squares 1000 times smaller after {epoch} epochs")
