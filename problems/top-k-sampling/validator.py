"""Input validator for top-k-sampling: one case's JSON argument array on stdin.

Exit 0 when the case meets the statement's bounds, else print why and exit 1.
"""
import json
import math
import sys


def fail(msg):
    print(msg)
    sys.exit(1)


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def main():
    try:
        args = json.loads(sys.stdin.read())
    except ValueError as e:
        fail(f"not JSON: {e}")
    if not isinstance(args, list) or len(args) != 4:
        fail("expected [logits, k, temperature, u]")
    logits, k, t, u = args
    if not isinstance(logits, list) or not 1 <= len(logits) <= 10**5:
        fail("logits: a list of 1..1e5 numbers")
    for i, x in enumerate(logits):
        if not is_num(x) or not math.isfinite(x) or abs(x) > 1e4:
            fail(f"logits[{i}] = {x!r}: must be finite with |l| <= 1e4")
    if not isinstance(k, int) or isinstance(k, bool) or not -10**9 <= k <= 10**9:
        fail(f"k = {k!r}: an int in [-1e9, 1e9]")
    if not is_num(t) or not 1e-3 <= t <= 1e3:
        fail(f"temperature = {t!r}: must be in [1e-3, 1e3]")
    if not is_num(u) or not 0 <= u < 1:
        fail(f"u = {u!r}: must be in [0, 1)")
    m = max(logits)
    for i, x in enumerate(logits):
        z = (float(x) - m) / t
        if -800 < z < -700:
            fail(f"logits[{i}]: exponent (l - m) / T = {z!r} lies in (-800, -700)")
    return 0


sys.exit(main())
