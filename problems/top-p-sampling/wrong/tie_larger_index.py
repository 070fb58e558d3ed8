# Known-wrong: ascending sort reversed, so tied logits come larger index first.
import math


def sample_top_p(logits: list[float], p: float, temperature: float, u: float) -> int:
    n = len(logits)
    order = sorted(range(n), key=lambda i: logits[i])[::-1]
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
    for j in range(s - 1, -1, -1):
        if weights[j] > 0:
            return order[j]
    return order[0]
