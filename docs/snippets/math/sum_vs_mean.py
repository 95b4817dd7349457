from gd_tutorial import mse_gradient, toy_data

x_train, y_train = toy_data()
W = 0.0

# 2 * mean((W x - y) x), the true slope of the mean squared error
mean_form = mse_gradient(W, x_train, y_train, reduction="mean").item()
# sum((W x - y) x), as in the course's full code
sum_form = mse_gradient(W, x_train, y_train, reduction="sum").item()

print(f"mean form {mean_form:.4f}, sum form {sum_form:.4f}")
print(f"mean / sum = {mean_form / sum_form:.4f}  (2/m with m = 3)")
print(f"step with lr 0.15 and the mean: {-0.15 * mean_form:.4f}")
print(f"step with lr 0.1 and the sum:   {-0.1 * sum_form:.4f}")
