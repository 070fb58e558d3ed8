# Known-wrong: forgets to clamp k (k <= 0 keeps nothing or drops the tail).
import math


def sample_top_k(logits: list[float], k: int, temperature: float, u: float) -> int:
    kept = sorted(range(len(logits)), key=lambda i: (-logits[i], i))[:k]
    top = logits[kept[0]]
    weights = [math.exp((logits[i] - top) / temperature) for i in kept]
    total = sum(weights)
    cumulative = 0.0
    for i, w in zip(kept, weights):
        cumulative += w / total
        if cumulative > u:
            return i
    # fall back to the last kept token of positive weight
    for i, w in zip(reversed(kept), reversed(weights)):
        if w > 0:
            return i
    return kept[0]
