import textwrap

from gd_tutorial import gradient_descent, max_stable_lr, toy_data

x_train, y_train = toy_data()
bound = max_stable_lr(x_train, reduction="sum")
print(f"stable bound 2/L = {bound:.6f}")

runs = {}
for name, lr in (("just below", 0.99 * bound), ("just above", 1.01 * bound)):
    run = gradient_descent(x_train, y_train, lr=lr, epochs=100, reduction="sum")
    runs[name] = run
    print(f"{name}: lr = {lr:.6f}")
    print(f"  last W = {run.weights[-1]:.3f}, last cost = {run.costs[-1]:.6f}")
    print(f"  diverged: {run.diverged}")
    if run.diverged:
        print(textwrap.fill(run.message, width=72, initial_indent="  ", subsequent_indent="  "))

assert not runs["just below"].diverged  # the bound is right on both sides
assert runs["just above"].diverged
