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

# The bottom of the bowl, solved directly: the least-squares answer for (w1, w2, w3, b).
A = torch.cat([x_train, torch.ones(m, 1)], dim=1).double()
solution = torch.linalg.lstsq(A, y_train.double()).solution.flatten()
W, b = solution[:3], solution[3]
cost = torch.mean((A @ solution - y_train.double().flatten()) ** 2)
print("least squares: w1, w2, w3 =", [round(w, 4) for w in W.tolist()], " b =", round(b.item(), 4))
print(f"its cost: {cost.item():.6f}")
