import math

# Every float64 weight in [0, 1] is an integer multiple of 2^-1074, so scaling
# by 2^1074 turns the cumulative sums into exact Python integers.
SCALE_BITS = 1074


def _scaled(w: float) -> int:
    num, den = w.as_integer_ratio()  # den is a power of two <= 2^1074
    return num << (SCALE_BITS - (den.bit_length() - 1))


def sample_top_k(logits: list[float], k: int, temperature: float, u: float) -> int:
    n = len(logits)
    if k <= 0 or k > n:
        k = n
    # Descending logit, ties (including 0.0 vs -0.0) by smaller index.
    kept = sorted(range(n), key=lambda i: (-logits[i], i))[:k]
    top = logits[kept[0]]
    weights = [_scaled(math.exp((logits[i] - top) / temperature)) for i in kept]
    total = sum(weights)
    # Exact: cumulative > u * total  <=>  cumulative > floor(u * total) for integers.
    un, ud = u.as_integer_ratio()
    threshold = (un * total) // ud
    cumulative = 0
    for i, w in zip(kept, weights):
        cumulative += w
        if cumulative > threshold:
            return i
    raise AssertionError("unreachable: u < 1 and the top weight is 1")
