from gd_tutorial import closed_form_weight, gradient_descent, noisy_data

x_train, y_train = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)
print(f"best W* = {closed_form_weight(x_train, y_train):.4f}")
lr, epochs = 0.02, 10

full = gradient_descent(x_train, y_train, lr=lr, epochs=epochs)
mini = gradient_descent(x_train, y_train, lr=lr, epochs=epochs, batch_size=5)
print(f"full batch: {full.steps_per_epoch} step per epoch")
print(f"batches of 5: {mini.steps_per_epoch} steps per epoch")

print("epoch   W (full batch)   W (batches of 5)")
ends = mini.weights[:: mini.steps_per_epoch]  # the rows that end epochs
for epoch in range(epochs + 1):
    print(f"{epoch:5d}   {full.weights[epoch]:14.4f}   {ends[epoch]:16.4f}")
