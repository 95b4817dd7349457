from gd_tutorial import (
    gradient_descent,
    toy_data,
    train_with_optimizer,
)

x_train, y_train = toy_data()
# The course's manual loop: the gradient as a sum, lr = 0.1.
hand = gradient_descent(x_train, y_train, lr=0.1, epochs=10, reduction="sum")
# The course's torch.optim loop: autograd's mean gradient, lr = 0.15.
optim = train_with_optimizer(x_train, y_train, lr=0.15, epochs=10)

print("epoch  W hand  W optim  cost hand  cost optim")
for k in range(11):
    print(
        f"{k:5d}  {hand.weights[k]:6.3f}  {optim.weights[k]:7.3f}"
        f"  {hand.costs[k]:9.6f}  {optim.costs[k]:10.6f}"
    )

printed = [f"{W:.3f}" for W in hand.weights]
same = printed == [f"{W:.3f}" for W in optim.weights]
print("same printed W at every epoch:", same)
print("W after epoch 1, all digits:")
print(hand.weights[1], "by hand,", optim.weights[1], "optim")
