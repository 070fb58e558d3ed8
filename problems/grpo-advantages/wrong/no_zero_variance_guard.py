# judge: grpo-advantages
# WRONG: no special case for constant groups (0 / 0 when eps = 0).
import math


def grpo_advantages(rewards, group_size, eps):
    out = []
    for s in range(0, len(rewards), group_size):
        g = rewards[s:s + group_size]
        mean = sum(g) / len(g)
        std = math.sqrt(sum((r - mean) ** 2 for r in g) / (len(g) - 1))
        out += [(r - mean) / (std + eps) for r in g]
    return out
