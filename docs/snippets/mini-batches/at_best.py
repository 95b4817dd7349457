import torch

from gd_tutorial import closed_form_weight, mse_gradient, noisy_data

x_train, y_train = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)
W_best = closed_form_weight(x_train, y_train)
full = mse_gradient(W_best, x_train, y_train).item()
print(f"at W* = {W_best:.4f}, the gradient of all 20 samples: {full:.4f}")

generator = torch.Generator().manual_seed(0)
grads = torch.tensor(
    [
        mse_gradient(W_best, x_train[b], y_train[b]).item()
        for _ in range(2_000)
        for b in torch.randperm(20, generator=generator).split(5)
    ]
)
print(f"batches of 5 at W*: mean {grads.mean():.4f}, std {grads.std():.4f}")
lr = 0.02
step = lr * grads.std()
print(f"so a step at W* still moves W, typically by {step:.4f}")
