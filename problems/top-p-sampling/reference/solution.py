import math

# Every float64 weight in [0, 1] is an integer multiple of 2^-1074, so scaling
# by 2^1074 turns all cumulative sums into exact Python integers.
SCALE_BITS = 1074


def _scaled(w: float) -> int:
    num, den = w.as_integer_ratio()  # den is a power of two <= 2^1074
    return num << (SCALE_BITS - (den.bit_length() - 1))


def sample_top_p(logits: list[float], p: float, temperature: float, u: float) -> int:
    n = len(logits)
    # Descending logit, ties (including 0.0 vs -0.0) by smaller index.
    order = sorted(range(n), key=lambda i: (-logits[i], i))
    top = logits[order[0]]
    weights = [_scaled(math.exp((logits[i] - top) / temperature)) for i in order]
    total = sum(weights)
    # Nucleus: the shortest prefix with C_s >= p * total (exact).
    pn, pd = p.as_integer_ratio()
    s, cumulative = 0, 0
    while cumulative * pd < pn * total:
        cumulative += weights[s]
        s += 1
    nucleus_total = cumulative
    # Sample: the first j < s with C_j > u * nucleus_total (exact).
    un, ud = u.as_integer_ratio()
    cumulative = 0
    for j in range(s):
        cumulative += weights[j]
        if cumulative * ud > un * nucleus_total:
            return order[j]
    raise AssertionError("unreachable: u < 1 and nucleus_total > 0")
