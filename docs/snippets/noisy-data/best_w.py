from gd_tutorial import (
    closed_form_weight,
    gradient_descent,
    max_stable_lr,
    noisy_data,
)

x_train, y_train = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)

# The best W without a loop: where the slope of the cost is 0.
W_best = closed_form_weight(x_train, y_train)  # sum(x*y) / sum(x*x)
print(f"closed form: W* = {W_best:.6f}")

# Plain gradient descent from W = 0, with the true mean gradient.
lr = 0.05
print(f"lr = {lr}, below this data's bound {max_stable_lr(x_train):.4f}")
history = gradient_descent(x_train, y_train, lr=lr, epochs=10)
print(history.format_log())
print(f"after 10 epochs: W = {history.weights[-1]:.6f}")
