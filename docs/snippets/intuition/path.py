from gd_tutorial import gradient_descent, toy_data

x_train, y_train = toy_data()
history = gradient_descent(x_train, y_train, lr=0.15, epochs=6, w0=0.0)

for epoch in range(len(history.weights)):
    W = history.weights[epoch]
    slope = history.gradients[epoch]
    print(f"epoch {epoch}: W = {W:.3f}  slope = {slope:+.4f}")
