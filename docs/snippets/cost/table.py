from gd_tutorial import hypothesis, mse, toy_data

x_train, y_train = toy_data()

print("    W     cost")
for W in (-1.0, 0.0, 0.5, 0.9, 1.0, 1.1, 1.5, 2.0, 3.0):
    cost = mse(hypothesis(x_train, W), y_train)
    print(f"{W:5.1f}  {cost.item():7.4f}")
