from gd_tutorial import curvatures, momentum_max_lr, momentum_rate, toy_data

x_train, _ = toy_data()
lams = curvatures(x_train)
settings = [(0.15, 0.7, False), (0.15, 0.9, False), (0.1, 0.7, True), (0.15, 0.7, True)]
for lr, mu, nesterov in settings:
    name = f"{'Nesterov' if nesterov else 'momentum'} {mu}, lr {lr}"
    bound = momentum_max_lr(mu, lams, nesterov=nesterov)  # stable for lr below it
    rate = momentum_rate(lr, mu, lams, nesterov=nesterov)  # per step; 1 or more diverges
    print(f"{name:20s} stable below lr {bound:.4f}, rate per step {rate:.4f}")
