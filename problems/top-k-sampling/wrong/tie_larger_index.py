# Known-wrong: sorts ascending and reverses, so tied logits come larger index
# first (wrong tokens kept at a tie across the cut, wrong order within ties).
import math


def sample_top_k(logits: list[float], k: int, temperature: float, u: float) -> int:
    n = len(logits)
    if k <= 0 or k > n:
        k = n
    kept = sorted(range(n), key=lambda i: logits[i])[::-1][:k]
    top = logits[kept[0]]
    weights = [math.exp((logits[i] - top) / temperature) for i in kept]
    total = sum(weights)
    cumulative = 0.0
    for i, w in zip(kept, weights):
        cumulative += w / total
        if cumulative > u:
            return i
    return kept[-1]
