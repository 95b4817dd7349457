import torch
from torch.autograd.functional import hessian

x = torch.tensor([1.0, 2.0, 3.0])
y = torch.sin(x)


def cost(w):
    return torch.mean((torch.sin(w * x) - y) ** 2)


for w in [0.0, 0.275, 0.46, 1.0, 1.5, 2.5, 3.18]:
    L = hessian(cost, torch.tensor(w)).item()  # the second derivative at w
    bound = f"2/L = {2 / L:.3f}" if L > 0 else "no bound: the cost bends down here"
    print(f"w = {w:5.3f}: second derivative {L:7.3f}, {bound}")
