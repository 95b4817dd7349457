import textwrap

from gd_tutorial import curvature, gradient_descent, toy_data

x_train, y_train = toy_data()
L = curvature(x_train, reduction="sum")  # sum(x**2): the course's gradient
print(f"L = {L:g}   1/L = {1 / L:.6f}   2/L = {2 / L:.6f}")
print()
print("lr        1 - lr*L   W1      W2      W10     diverged")
messages = []
for lr in (0.01, 1 / L, 0.13, 0.15):
    history = gradient_descent(x_train, y_train, lr=lr, epochs=10, reduction="sum")
    W = history.weights
    print(
        f"{lr:<9.6f} {1 - lr * L:+.3f}     {W[1]:<7.3f} {W[2]:<7.3f} {W[10]:<7.3f}"
        f" {history.diverged}"
    )
    if history.diverged:
        messages.append(history.message)  # also issued as a DivergenceWarning
for message in messages:
    print()
    print(textwrap.fill(message, width=72))
