from gd_tutorial import rmsprop_descent, toy_data

x_train, y_train = toy_data()
lr, alpha = 0.15, 0.99
run = rmsprop_descent(x_train, y_train, lr=lr, epochs=1000, alpha=alpha, w0=-1.0, b0=2.0)
v_w = v_b = 0.0  # RMSProp's two moving averages, rebuilt from the run's gradients
smallest = float("inf")  # the smallest sqrt(v) of the run
for t in range(1, 1001):
    v_w = alpha * v_w + (1 - alpha) * run.gradients[t - 1] ** 2
    v_b = alpha * v_b + (1 - alpha) * run.bias_gradients[t - 1] ** 2
    smallest = min(smallest, v_w**0.5, v_b**0.5)
    if t in (1, 10, 60, 100, 200, 300, 400, 1000):
        print(f"epoch {t:4d}: lr/sqrt(v) for W {lr / v_w**0.5:.4f},", end="")
        print(f" for b {lr / v_b**0.5:.4f}; cost {run.costs[t]:.2e}")
lowest = min(range(1001), key=run.costs.__getitem__)
print(f"lowest cost {run.costs[lowest]:.2e}, at epoch {lowest}")
late = run.costs[500:]
print(f"from epoch 500 on the cost swings between {min(late):.4f} and {max(late):.4f}")
print(f"smallest sqrt(v) of the run: {smallest:.2e}, against eps = 1e-8")
