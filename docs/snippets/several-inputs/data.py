import torch

# Lab 4 of the course: three quiz scores (the inputs) and the final score (the target)
# of five students, one student per row.
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

W = torch.zeros(3, 1)  # one weight per input, as a column
b = torch.zeros(1)  # one bias, added to every row

hypothesis = x_train @ W + b  # (5, 3) @ (3, 1) -> (5, 1), then + b broadcasts
print("x_train:", tuple(x_train.shape), " W:", tuple(W.shape), " b:", tuple(b.shape))
print("x_train @ W:", tuple((x_train @ W).shape), " hypothesis:", tuple(hypothesis.shape))
print("y_train:", tuple(y_train.shape))
