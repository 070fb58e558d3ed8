# judge: grpo-advantages
# WRONG: one mean and std over the whole batch.
import math


def grpo_advantages(rewards, group_size, eps):
    n = len(rewards)
    if n == 0:
        return []
    if all(r == rewards[0] for r in rewards):
        return [0.0] * n
    mean = sum(rewards) / n
    std = math.sqrt(sum((r - mean) ** 2 for r in rewards) / (n - 1))
    return [(r - mean) / (std + eps) for r in rewards]
