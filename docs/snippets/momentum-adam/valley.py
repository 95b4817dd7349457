import math

from gd_tutorial import curvatures, max_stable_lr, toy_data

x_train, y_train = toy_data()  # x = y = [1, 2, 3], model W * x + b
slow, steep = curvatures(x_train)  # along the valley, and across it
print(f"curvature along the valley:  {slow:.4f}")
print(f"curvature across the valley: {steep:.4f}")
print(f"condition number: {steep / slow:.1f}")
# A level set reaches 1/sqrt(curvature) along each axis: sqrt(kappa) times longer than wide.
print(f"the valley is {(steep / slow) ** 0.5:.1f} times longer than wide")
bound = max_stable_lr(x_train, bias=True)
print(f"stable bound 2 / {steep:.4f} = {bound:.6f}")

lr = 0.15
fast_factor, slow_factor = 1 - lr * steep, 1 - lr * slow
print(f"lr = {lr}: factor per step across {fast_factor:.4f}")
print(f"            factor per step along  {slow_factor:.4f}")
# Epochs k with slow_factor ** k <= 1/1000: the slow error shrinks 1000-fold.
epochs = math.ceil(math.log(1000) / -math.log(slow_factor))
print(f"epochs to shrink the slow error 1000-fold: {epochs}")
