# judge: cosine-lr-schedule
# WRONG: no clamp after total_steps (the cosine rises again).
import math


def cosine_lr(steps, base_lr, min_lr, warmup_steps, total_steps):
    out = []
    for s in steps:
        if s < warmup_steps:
            out.append(base_lr * (s + 1) / warmup_steps)
        elif total_steps == warmup_steps:
            out.append(min_lr)
        else:
            p = (s - warmup_steps) / (total_steps - warmup_steps)
            out.append(min_lr + 0.5 * (base_lr - min_lr) * (1 + math.cos(math.pi * p)))
    return out
