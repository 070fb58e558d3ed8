# Known-wrong: when the float sum ends below u, returns the last nucleus token
# even if its weight is 0 (with p = 1 and rounding the float nucleus may take
# in every token).
import math


def sample_top_p(logits: list[float], p: float, temperature: float, u: float) -> int:
    n = len(logits)
    order = sorted(range(n), key=lambda i: (-logits[i], i))
    top = logits[order[0]]
    weights = [math.exp((logits[i] - top) / temperature) for i in order]
    total = sum(weights)
    # nucleus
    s, cumulative = 0, 0.0
    while s < n and cumulative < p:
        cumulative += weights[s] / total
        s += 1
    # sample
    kept_total = sum(weights[:s])
    cumulative = 0.0
    for j in range(s):
        cumulative += weights[j] / kept_total
        if cumulative > u:
            return order[j]
    return order[s - 1]
