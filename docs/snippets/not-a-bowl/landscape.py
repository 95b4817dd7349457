import torch

x = torch.tensor([1.0, 2.0, 3.0])
y = torch.sin(x)  # the wave H(x) = sin(w x) with w = 1 fits exactly


def cost(w):
    return torch.mean((torch.sin(w * x) - y) ** 2)


ws = torch.linspace(0.0, 4.5, 451)  # w from 0 to 4.5 in steps of 0.01
costs = torch.stack([cost(w) for w in ws])
for i in range(1, len(ws) - 1):
    if costs[i] < costs[i - 1] and costs[i] < costs[i + 1]:
        print(f"minimum near w = {ws[i]:.2f}: cost {costs[i]:.4f}")
    if costs[i] > costs[i - 1] and costs[i] > costs[i + 1]:
        print(f"bump    near w = {ws[i]:.2f}: cost {costs[i]:.4f}")
