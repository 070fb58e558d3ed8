"""Checker for top-k-sampling (protocol: docs/checkers.md, json interface).

stdin: {"args": [logits, k, temperature, u], "expected": int, "actual": int}
Exit 0 to accept, 1 to reject with a reason on stdout.

The kept tokens are ordered by descending logit (ties: smaller index first)
and get the float64 weights w_j = exp((l_j - m) / T), m the largest logit.
Token j's exact cumulative interval is [C_{j-1}/W, C_j/W], C_j = w_1 + ... + w_j
and W = C_k, computed in exact rational arithmetic (fractions.Fraction over the
same float64 weights). The actual answer is accepted when it is a kept token of
positive weight whose interval lies within 1e-9 of u: solutions that sum in
another order, or compare sum(w) > u * sum(w) in floats, may round to either
side of a boundary. A token of weight 0 is never accepted.
"""
import json
import math
import sys
from fractions import Fraction

EPS = Fraction(1, 10**9)


def decode(x):
    if isinstance(x, dict) and "$float" in x:
        return float(x["$float"])
    return x


def main():
    data = json.loads(sys.stdin.read())
    logits, k, temperature, u = data["args"]
    logits = [float(decode(v)) for v in logits]
    temperature, u = float(decode(temperature)), float(decode(u))
    expected, actual = data["expected"], data["actual"]
    if actual == expected:
        return 0
    n = len(logits)
    if k <= 0 or k > n:
        k = n
    kept = sorted(range(n), key=lambda i: (-logits[i], i))[:k]
    position = {idx: p for p, idx in enumerate(kept)}
    if actual not in position:
        print(f"index {actual} is not among the {k} kept tokens (expected {expected})")
        return 1
    top = logits[kept[0]]
    weights = [Fraction(math.exp((logits[i] - top) / temperature)) for i in kept]
    pa = position[actual]
    if weights[pa] == 0:
        print(f"index {actual} has probability 0 (its weight exp((l - max) / T) underflows); expected {expected}")
        return 1
    total = sum(weights, Fraction(0))
    lo = sum(weights[:pa], Fraction(0)) / total
    hi = lo + weights[pa] / total
    fu = Fraction(u)
    if lo - EPS <= fu <= hi + EPS:
        return 0
    gap = lo - fu if fu < lo else fu - hi
    print(
        f"expected index {expected}, got {actual}: its cumulative interval "
        f"[{float(lo)!r}, {float(hi)!r}] is {float(gap):.3g} from u = {u!r}"
    )
    return 1


sys.exit(main())
