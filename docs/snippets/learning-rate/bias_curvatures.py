import math

from gd_tutorial import curvatures, max_stable_lr, toy_data

x_train, _ = toy_data()
gentle, steep = curvatures(x_train)  # the Hessian's two eigenvalues
bound = max_stable_lr(x_train, bias=True)  # 2 / steep
lr = 0.15

print(f"curvature across the valley: {steep:.4f}")
print(f"curvature along the floor:   {gentle:.4f}")
print(f"condition number: {steep / gentle:.1f}")
print(f"stable bound 2/{steep:.4f} = {bound:.6f}")
print(f"lr = {lr} is below it: {lr < bound}")
print()
print("one step multiplies the distance to the minimum by")
print(f"  across the valley: 1 - lr * {steep:.4f} = {1 - lr * steep:+.4f}")
print(f"  along the floor:   1 - lr * {gentle:.4f} = {1 - lr * gentle:+.4f}")
left = (1 - lr * gentle) ** 60
print(f"after 60 epochs, {left:.3f} of the distance along the floor is left")
epochs = math.ceil(math.log(1000) / -math.log(1 - lr * gentle))
print(f"epochs to shrink it 1000-fold: {epochs}")
