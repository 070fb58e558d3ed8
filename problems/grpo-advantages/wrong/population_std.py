# judge: grpo-advantages
# WRONG: population std (divides by G).
import math


def grpo_advantages(rewards, group_size, eps):
    out = []
    for s in range(0, len(rewards), group_size):
        g = rewards[s:s + group_size]
        if all(r == g[0] for r in g):
            out += [0.0] * len(g)
            continue
        mean = sum(g) / len(g)
        std = math.sqrt(sum((r - mean) ** 2 for r in g) / len(g))
        out += [(r - mean) / (std + eps) for r in g]
    return out
