"""Checker for top-p-sampling (protocol: docs/checkers.md, json interface).

stdin: {"args": [logits, p, temperature, u], "expected": int, "actual": int}
Exit 0 to accept, 1 to reject with a reason on stdout.

All tokens are ordered by descending logit (ties: smaller index first) and get
the float64 weights w_j = exp((l_j - m) / T), m the largest logit; C_j is the
cumulative weight of the first j tokens and W = C_n, all in exact rational
arithmetic (fractions.Fraction over the same float64 weights).

A nucleus size s is plausible when its cut lies within 1e-9 of p:
C_{s-1}/W < p + 1e-9 and C_s/W >= p - 1e-9 (the exact nucleus is one of
them). The actual answer is accepted when it is a token of positive weight at
a position j <= s of some plausible nucleus s whose renormalised interval
[C_{j-1}/C_s, C_j/C_s] lies within 1e-9 of u: float sums may round either
side of both the nucleus cut and the sampled boundary. A token of weight 0 is
never accepted.
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
    logits, p, temperature, u = data["args"]
    logits = [float(decode(v)) for v in logits]
    p, temperature, u = float(decode(p)), float(decode(temperature)), float(decode(u))
    expected, actual = data["expected"], data["actual"]
    if actual == expected:
        return 0
    n = len(logits)
    if not isinstance(actual, int) or not 0 <= actual < n:
        print(f"index {actual} is out of range [0, {n})")
        return 1
    order = sorted(range(n), key=lambda i: (-logits[i], i))
    top = logits[order[0]]
    weights = [Fraction(math.exp((logits[i] - top) / temperature)) for i in order]
    ja = order.index(actual)
    if weights[ja] == 0:
        print(f"index {actual} has probability 0 (its weight exp((l - max) / T) underflows); expected {expected}")
        return 1
    prefix = [Fraction(0)]
    for w in weights:
        prefix.append(prefix[-1] + w)
    total = prefix[-1]
    fp, fu = Fraction(p), Fraction(u)
    best_gap = None
    in_some_nucleus = False
    for s in range(ja + 1, n + 1):
        if prefix[s - 1] / total >= fp + EPS:
            break  # this and every longer prefix already covered p
        if prefix[s] / total < fp - EPS:
            continue  # this prefix does not cover p yet
        in_some_nucleus = True
        lo, hi = prefix[ja] / prefix[s], prefix[ja + 1] / prefix[s]
        if lo - EPS <= fu <= hi + EPS:
            return 0
        gap = lo - fu if fu < lo else fu - hi
        best_gap = gap if best_gap is None else min(best_gap, gap)
    if not in_some_nucleus:
        print(f"index {actual} is outside the nucleus (its token comes after the cut at p = {p!r}); expected {expected}")
        return 1
    print(f"expected index {expected}, got {actual}: its renormalised interval is {float(best_gap):.3g} from u = {u!r}")
    return 1


sys.exit(main())
