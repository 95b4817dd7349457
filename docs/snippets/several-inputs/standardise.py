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
m = x_train.shape[0]

mean, std = x_train.mean(dim=0), x_train.std(dim=0)  # one mean and one spread per quiz
z_train = (x_train - mean) / std  # each column now has mean 0 and spread 1

A = torch.cat([z_train, torch.ones(m, 1)], dim=1).double()
curvatures = torch.linalg.eigvalsh(2 / m * A.T @ A)
print("mean:", [round(v, 1) for v in mean.tolist()], " std:", [round(v, 2) for v in std.tolist()])
print("curvatures:", ", ".join(f"{c:.4g}" for c in curvatures))
print(f"condition number: {(curvatures[-1] / curvatures[0]).item():,.0f}")
print(f"stable bound 2 / largest: {2 / curvatures[-1].item():.3g}")
print("correlations between the quizzes:")
print(torch.corrcoef(x_train.T))
