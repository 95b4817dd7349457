import torch

from gd_tutorial import (
    closed_form_weight,
    cosine_schedule,
    gradient_descent,
    noisy_data,
    step_schedule,
    warmup_schedule,
)

x_train, y_train = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)
W_best = closed_form_weight(x_train, y_train)
lr, epochs = 0.05, 30
schedules = {
    "constant lr": None,
    "step_schedule(10)": step_schedule(step_size=10, gamma=0.1),
    "cosine_schedule(30)": cosine_schedule(t_max=30),
    "warmup_schedule(0.1, 5)": warmup_schedule(0.1, total_iters=5),
    "step_schedule(2)": step_schedule(step_size=2, gamma=0.1),
}
print(f"best W* = {W_best:.4f}; lr = {lr}, batches of 5, {epochs} epochs")
header = "|W - W*| after 10, 20, 30 epochs   largest, last 5 epochs"
print(f"{'schedule':24s} {header}")
for name, schedule in schedules.items():
    run = gradient_descent(x_train, y_train, lr, epochs, batch_size=5, schedule=schedule)
    W = torch.tensor(run.weights)  # one row per step: 4 per epoch
    ends = W[:: run.steps_per_epoch]  # W at the end of each epoch
    far = "    ".join(f"{abs(ends[e] - W_best):.4f}" for e in (10, 20, 30))
    last = (W[-5 * run.steps_per_epoch :] - W_best).abs().max()  # the last 20 steps
    print(f"{name:24s} {far}               {last:.4f}")
