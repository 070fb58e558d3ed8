# Known-wrong: subtracts the largest logit m from l / T (exp(l/T - m)) instead of
# computing exp((l - m) / T): at cold temperatures l/T - m still overflows.
import math


def sample_top_k(logits: list[float], k: int, temperature: float, u: float) -> int:
    n = len(logits)
    if k <= 0 or k > n:
        k = n
    kept = sorted(range(n), key=lambda i: (-logits[i], i))[:k]
    m = logits[kept[0]]
    weights = [math.exp(logits[i] / temperature - m) for i in kept]
    total = sum(weights)
    cumulative = 0.0
    for i, w in zip(kept, weights):
        cumulative += w / total
        if cumulative > u:
            return i
    return kept[-1]
