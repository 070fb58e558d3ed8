"""Input validator: reads one case's .in (JSON array of arguments) on stdin;
exits 0 when it meets every bound of the statement, else prints why, exits 1."""
import json
import math
import sys


def fail(msg):
    print(msg)
    sys.exit(1)


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


try:
    args = json.load(sys.stdin)
except ValueError as e:
    fail(f"not JSON: {e}")
if not isinstance(args, list) or len(args) != 3:
    fail("expected [x, weight, eps]")
x, weight, eps = args
if not isinstance(weight, list):
    fail("weight must be a list")
d = len(weight)
if not 1 <= d <= 4096:
    fail(f"d = {d} outside [1, 4096]")
if not all(is_num(v) and abs(v) <= 10 for v in weight):
    fail("weight values must be finite with |value| <= 10")
if not is_num(eps) or not 1e-12 <= eps <= 1:
    fail(f"eps = {eps} outside [1e-12, 1]")
if not isinstance(x, list):
    fail("x must be a list")
if len(x) * d > 200_000:
    fail(f"n * d = {len(x) * d} > 2e5")
for i, row in enumerate(x):
    if not isinstance(row, list) or len(row) != d:
        fail(f"row {i} does not have length d = {d}")
    if not all(is_num(v) and abs(v) <= 1e300 for v in row):
        fail(f"row {i} has a value that is not finite or |x| > 1e300")
sys.exit(0)
