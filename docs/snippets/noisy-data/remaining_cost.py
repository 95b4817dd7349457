from gd_tutorial import closed_form_weight, hypothesis, mse, noisy_data

true_w, noise = 2.0, 1.0
x_train, y_train = noisy_data(m=20, true_w=true_w, noise=noise, seed=0)
W_best = closed_form_weight(x_train, y_train)

# At the true W, each error y - true_w * x is exactly that sample's noise.
true_cost = mse(hypothesis(x_train, true_w), y_train).item()
best_cost = mse(hypothesis(x_train, W_best), y_train).item()

print(f"the noise's variance, noise**2: {noise**2:.4f}")
print(f"cost at the true W  = {true_w:.3f}:   {true_cost:.4f}")
print(f"cost at the best W* = {W_best:.3f}:   {best_cost:.4f}")
