import torch

m, batch_size = 20, 5  # 20 samples, 4 mini-batches of 5 per epoch

# One generator for the whole run, seeded once: every run repeats.
generator = torch.Generator().manual_seed(0)
for epoch in range(1, 3):
    order = torch.randperm(m, generator=generator)  # a new order each epoch
    print(f"epoch {epoch}:")
    for step, batch in enumerate(order.split(batch_size), start=1):
        print(f"  step {step}: samples {batch.tolist()}")
