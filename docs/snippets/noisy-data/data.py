import torch

from gd_tutorial import noisy_data

# The recipe, written out: 20 inputs between 0 and 5, then 20 noise values.
generator = torch.Generator().manual_seed(0)
x = 5 * torch.rand(20, 1, generator=generator)
noise = torch.randn(20, 1, generator=generator)  # mean 0, std 1
y = 2.0 * x + 1.0 * noise  # the true line y = 2x, plus noise

x_train, y_train = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)
same = torch.equal(x, x_train) and torch.equal(y, y_train)
print("the same as noisy_data:", same)
print("shapes:", tuple(x_train.shape), tuple(y_train.shape))
print("the first five samples:")
for xi, yi in torch.cat([x_train, y_train], dim=1)[:5].tolist():
    print(f"  x = {xi:.3f}   y = {yi:6.3f}   true line 2x = {2 * xi:.3f}")
