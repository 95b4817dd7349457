from gd_tutorial import closed_form_weight, curvature, gradient_descent, noisy_data

x_train, y_train = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)
W_best = closed_form_weight(x_train, y_train)
lr = 1 / curvature(x_train)  # the full batch's best rate: one step lands on W*
print(f"best W* = {W_best:.4f}, lr = 1/L = {lr:.4f}")

full = gradient_descent(x_train, y_train, lr=lr, epochs=10)
mini = gradient_descent(x_train, y_train, lr=lr, epochs=10, batch_size=5)
ends = mini.weights[:: mini.steps_per_epoch]  # the rows that end epochs
print("epoch   W (full batch)   W (batches of 5)")
for epoch in (1, 2, 3, 4, 5, 10):
    print(f"{epoch:5d}   {full.weights[epoch]:14.4f}   {ends[epoch]:16.4f}")
