from gd_tutorial import curvatures, toy_data

x_train, _ = toy_data()


def describe(name, x):
    gentle, steep = curvatures(x)
    tilt = x.mean() / x.pow(2).mean().sqrt()  # 0 when mean(x) = 0: no tilt
    print(f"{name:<27} tilt {tilt:+.3f}   condition number {steep / gentle:7.1f}")


describe("x = [1, 2, 3]", x_train)
for scale in (0.1, 10.0):
    describe(f"x scaled by {scale:g}", scale * x_train)
describe("x scaled to mean(x**2) = 1", x_train / x_train.pow(2).mean().sqrt())
centred = x_train - x_train.mean()  # subtract the mean: mean(x) = 0
describe("x centred", centred)
describe("x centred and scaled", centred / centred.pow(2).mean().sqrt())
