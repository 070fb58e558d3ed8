# judge: cosine-lr-schedule
# WRONG: decays to 0, ignoring min_lr.
import math


def cosine_lr(steps, base_lr, min_lr, warmup_steps, total_steps):
    out = []
    for s in steps:
        if s < warmup_steps:
            out.append(base_lr * (s + 1) / warmup_steps)
        elif s >= total_steps:
            out.append(0.0)
        else:
            p = (s - warmup_steps) / (total_steps - warmup_steps)
            out.append(0.5 * base_lr * (1 + math.cos(math.pi * p)))
    return out
