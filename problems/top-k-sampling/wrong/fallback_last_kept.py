# Known-wrong: when the float cumulative sum ends below u, returns the last kept
# token even if its weight is 0 (a token of probability 0 is never the answer).
import math


def sample_top_k(logits: list[float], k: int, temperature: float, u: float) -> int:
    n = len(logits)
    if k <= 0 or k > n:
        k = n
    kept = sorted(range(n), key=lambda i: (-logits[i], i))[:k]
    top = logits[kept[0]]
    weights = [math.exp((logits[i] - top) / temperature) for i in kept]
    total = sum(weights)
    cumulative = 0.0
    for i, w in zip(kept, weights):
        cumulative += w / total
        if cumulative > u:
            return i
    return kept[-1]
