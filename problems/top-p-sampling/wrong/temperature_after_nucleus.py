# Known-wrong: chooses the nucleus from softmax(logits) at T = 1 and applies
# the temperature only when sampling inside it.
import math


def sample_top_p(logits: list[float], p: float, temperature: float, u: float) -> int:
    n = len(logits)
    order = sorted(range(n), key=lambda i: (-logits[i], i))
    top = logits[order[0]]
    weights = [math.exp((logits[i] - top) / temperature) for i in order]
    total = sum(weights)
    # nucleus
    w1 = [math.exp(logits[i] - top) for i in order]
    t1 = sum(w1)
    s, cumulative = 0, 0.0
    while s < n and cumulative < p:
        cumulative += w1[s] / t1
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
