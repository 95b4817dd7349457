from gd_tutorial import closed_form_weight, hypothesis, mse, noisy_data

# The same recipe (true W = 2, noise 1.0) with more and more samples.
print("     m   best W*   cost at W*")
for m in (20, 200, 2_000, 20_000, 200_000):
    x_train, y_train = noisy_data(m=m, true_w=2.0, noise=1.0, seed=0)
    W_best = closed_form_weight(x_train, y_train)
    best_cost = mse(hypothesis(x_train, W_best), y_train).item()
    print(f"{m:6d}   {W_best:.4f}    {best_cost:.4f}")
