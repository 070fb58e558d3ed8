# judge: grpo-advantages
import math


def grpo_advantages(rewards: list[float], group_size: int, eps: float) -> list[float]:
    out = []
    for start in range(0, len(rewards), group_size):
        group = rewards[start:start + group_size]
        if all(r == group[0] for r in group):
            out.extend([0.0] * group_size)
            continue
        mean = math.fsum(group) / group_size
        var = math.fsum((r - mean) * (r - mean) for r in group) / (group_size - 1)
        denom = math.sqrt(var) + eps
        out.extend((r - mean) / denom for r in group)
    return out
