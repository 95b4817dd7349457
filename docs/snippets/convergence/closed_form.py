from gd_tutorial import (
    closed_form_weight,
    curvature,
    gradient_descent,
    toy_data,
)

x_train, y_train = toy_data()
L = curvature(x_train)  # 2 * mean(x**2)
W_best = closed_form_weight(x_train, y_train)  # sum(x*y) / sum(x**2)
lr = 0.15
print(f"L = {L:.4f}   W* = {W_best}   1 - lr * L = {1 - lr * L:.4f}")

history = gradient_descent(x_train, y_train, lr=lr, epochs=5)
distance = [W - W_best for W in history.weights]  # W_k - W*
print("k   W_k - W*   next / this")
for k in range(5):
    ratio = distance[k + 1] / distance[k]
    print(f"{k}   {distance[k]:+.4f}   {ratio:+.4f}")
