# judge: cosine-lr-schedule
import math


def cosine_lr(steps: list[int], base_lr: float, min_lr: float, warmup_steps: int, total_steps: int) -> list[float]:
    out = []
    for s in steps:
        if s < warmup_steps:
            out.append(base_lr * (s + 1) / warmup_steps)
        elif s >= total_steps:
            out.append(min_lr)
        else:
            progress = (s - warmup_steps) / (total_steps - warmup_steps)
            out.append(min_lr + 0.5 * (base_lr - min_lr) * (1.0 + math.cos(math.pi * progress)))
    return out
