"""Input validator: reads one case's .in (JSON array of arguments) on stdin;
exits 0 when it meets every bound of the statement, else prints why, exits 1."""
import json
import math
import sys


def fail(msg):
    print(msg)
    sys.exit(1)


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


try:
    args = json.load(sys.stdin)
except ValueError as e:
    fail(f"not JSON: {e}")
if not isinstance(args, list) or len(args) != 3:
    fail("expected [grads, max_norm, eps]")
grads, max_norm, eps = args
if not isinstance(grads, list) or len(grads) > 1000:
    fail("grads must be a list of at most 1000 tensors")
total = 0
for k, g in enumerate(grads):
    if not isinstance(g, list):
        fail(f"grads[{k}] must be a list")
    total += len(g)
    if not all(is_num(x) and abs(x) <= 1e300 for x in g):
        fail(f"grads[{k}] has a value that is not finite or above 1e300 in magnitude")
if total > 100_000:
    fail(f"total number of values {total} > 1e5")
if not is_num(max_norm) or not 1e-6 <= max_norm <= 1e6:
    fail(f"max_norm = {max_norm!r} outside [1e-6, 1e6]")
if not is_num(eps) or not 1e-12 <= eps <= 1e-2:
    fail(f"eps = {eps!r} outside [1e-12, 1e-2]")
sys.exit(0)
