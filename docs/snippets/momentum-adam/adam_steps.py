from gd_tutorial import adam_descent, toy_data

x_train, y_train = toy_data()
run = adam_descent(x_train, y_train, lr=0.3, epochs=60, w0=-1.0, b0=2.0)
beta2, v = 0.999, 0.0  # Adam's running mean of W's squared gradient, rebuilt from the run
for t in range(1, 61):
    g = run.gradients[t - 1]  # the gradient that update t used
    v = beta2 * v + (1 - beta2) * g * g
    if t in (1, 2, 5, 10, 20, 40, 60):
        step = abs(run.weights[t] - run.weights[t - 1])
        memory = (v / (1 - beta2**t)) ** 0.5  # sqrt(v_hat): it remembers the early gradients
        print(f"epoch {t:2d}: W moves {step:.4f},", end=" ")
        print(f"|gradient| {abs(g):7.4f}, sqrt(v_hat) {memory:.4f}")
