"""Checker for top-k-sampling (protocol: docs/checkers.md).

stdin: {"args": [logits, k, temperature, u], "expected": int, "actual": int}
Exit 0 to accept, 1 to reject with a reason on stdout.

Accepts the expected index, or the neighbouring kept token (in descending
logit order) when u is within 1e-9 of the cumulative probability at the
boundary between the two: solutions that sum in another order may round to
either side.
"""
import json
import math
import sys

EPS = 1e-9


def decode(x):
    if isinstance(x, dict) and "$float" in x:
        return float(x["$float"])
    return x


def main():
    data = json.loads(sys.stdin.read())
    logits, k, temperature, u = data["args"]
    logits = [decode(v) for v in logits]
    temperature, u = decode(temperature), decode(u)
    expected, actual = data["expected"], data["actual"]
    if actual == expected:
        return 0
    n = len(logits)
    if k <= 0 or k > n:
        k = n
    kept = sorted(range(n), key=lambda i: (-logits[i], i))[:k]
    position = {idx: p for p, idx in enumerate(kept)}
    if actual not in position:
        print(f"index {actual} is not among the {k} kept tokens")
        return 1
    pe, pa = position[expected], position[actual]
    if abs(pe - pa) != 1:
        print(f"expected index {expected}, got {actual}")
        return 1
    top = logits[kept[0]]
    weights = [math.exp((logits[i] - top) / temperature) for i in kept]
    total = math.fsum(weights)
    boundary = math.fsum(weights[: min(pe, pa) + 1]) / total
    if abs(u - boundary) <= EPS:
        return 0
    print(f"expected index {expected}, got {actual} (u = {u!r} is {abs(u - boundary):.3g} from their boundary {boundary!r})")
    return 1


sys.exit(main())
