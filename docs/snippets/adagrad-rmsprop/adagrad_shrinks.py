from gd_tutorial import adagrad_descent, gradient_descent, toy_data

x_train, y_train = toy_data()
start = {"w0": -1.0, "b0": 2.0, "epochs": 60}
plain = gradient_descent(x_train, y_train, lr=0.15, **start)
W, b, cost = plain.weights[-1], plain.biases[-1], plain.costs[-1]
print(f"plain, lr 0.15: after 60 epochs W {W:.4f}, b {b:.4f}, cost {cost:.6f}")
for lr in (0.15, 1.5):
    run = adagrad_descent(x_train, y_train, lr=lr, **start)
    G_W = G_b = 0.0  # Adagrad's two sums, rebuilt from the run's gradients
    print(f"Adagrad, lr {lr}:")
    for t in range(1, 61):
        G_W += run.gradients[t - 1] ** 2
        G_b += run.bias_gradients[t - 1] ** 2
        if t in (1, 2, 5, 20, 60):
            print(f"  epoch {t:2d}: lr/sqrt(G) for W {lr / G_W**0.5:.4f},", end="")
            print(f" for b {lr / G_b**0.5:.4f}; cost {run.costs[t]:.6f}")
    print(f"  after 60 epochs W {run.weights[-1]:.4f}, b {run.biases[-1]:.4f}")
