from gd_tutorial import mse_gradient, toy_data

x_train, y_train = toy_data()
lr = 0.15

print("    W    slope     step  new W  move")
for W in (-1.0, 0.0, 0.5, 1.0, 2.0, 3.0):
    # the slope of the cost at this W: d cost / dW
    slope = mse_gradient(W, x_train, y_train).item()
    W_new = W - lr * slope  # the update rule
    step = W_new - W
    move = "right" if step > 0 else "left" if step < 0 else "stay"
    print(f"{W:5.1f}  {slope:7.3f}  {step:+7.3f}  {W_new:5.2f}  {move}")
