import torch

from gd_tutorial import mse_gradient, noisy_data

x_train, y_train = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)
W = 1.0  # any weight; here halfway from the start W = 0 to the best W
full = mse_gradient(W, x_train, y_train).item()
print(f"gradient of all 20 samples at W = {W}: {full:.4f}")

# The 4 mini-batches of one shuffled epoch, as the descent takes them.
generator = torch.Generator().manual_seed(0)
order = torch.randperm(20, generator=generator)
batches = order.split(5)
grads = [mse_gradient(W, x_train[b], y_train[b]).item() for b in batches]
print("the 4 batch gradients:", ", ".join(f"{g:.4f}" for g in grads))
print(f"their mean: {sum(grads) / 4:.4f}")

# Many random batches of 5: their gradients scatter around the full one.
many = torch.tensor(
    [
        mse_gradient(W, x_train[b], y_train[b]).item()
        for _ in range(2_000)
        for b in torch.randperm(20, generator=generator).split(5)
    ]
)
print(f"8000 batch gradients: mean {many.mean():.4f}, std {many.std():.4f}")
print(f"smallest {many.min():.4f}, largest {many.max():.4f}")
