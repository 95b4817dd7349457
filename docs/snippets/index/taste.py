from gd_tutorial import gradient_descent, hypothesis, mse, toy_data

x_train, y_train = toy_data()  # x = y = [[1], [2], [3]]

for W in (0.0, 1.0):
    cost = mse(hypothesis(x_train, W), y_train)
    print(f"W = {W}: cost = {cost.item():.6f}")

history = gradient_descent(x_train, y_train, lr=0.15, epochs=10)
W = history.weights[-1]
print(f"after 10 steps of gradient descent from W = 0: W = {W:.3f}")
