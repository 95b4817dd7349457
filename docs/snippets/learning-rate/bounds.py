from gd_tutorial import curvature, max_stable_lr, toy_data

x_train, _ = toy_data()
for reduction in ("mean", "sum"):
    L = curvature(x_train, reduction)
    bound = max_stable_lr(x_train, reduction)
    print(f"{reduction:>4}: L = {L:.6f}   stable for 0 < lr < 2/L = {bound:.6f}")

ratio = max_stable_lr(x_train, "sum") / max_stable_lr(x_train, "mean")
print(f"sum bound / mean bound = {ratio:.6f} (2/m with m = {len(x_train)})")
