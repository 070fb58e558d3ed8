# Known-wrong: exponentiates logit / T without subtracting the largest logit,
# so exp overflows (OverflowError) or every weight underflows to 0.
import math


def sample_top_k(logits: list[float], k: int, temperature: float, u: float) -> int:
    n = len(logits)
    if k <= 0 or k > n:
        k = n
    kept = sorted(range(n), key=lambda i: (-logits[i], i))[:k]
    weights = [math.exp(logits[i] / temperature) for i in kept]
    total = sum(weights)
    cumulative = 0.0
    for i, w in zip(kept, weights):
        cumulative += w / total
        if cumulative > u:
            return i
    return kept[-1]
