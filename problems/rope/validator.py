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
    fail("expected [x, offset, base]")
x, offset, base = args
if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= 10**6:
    fail(f"offset = {offset!r} must be an integer in [0, 1e6]")
if not is_num(base) or not 2 <= base <= 1e6:
    fail(f"base = {base!r} outside [2, 1e6]")
if not isinstance(x, list):
    fail("x must be a list")
if x:
    if not isinstance(x[0], list):
        fail("x[0] must be a list")
    d = len(x[0])
    if not (2 <= d <= 512 and d % 2 == 0):
        fail(f"d = {d} must be even and in [2, 512]")
    if len(x) * d > 100_000:
        fail(f"n * d = {len(x) * d} > 1e5")
    for i, row in enumerate(x):
        if not isinstance(row, list) or len(row) != d:
            fail(f"row {i} does not have length d = {d}")
        if not all(is_num(v) and abs(v) <= 100 for v in row):
            fail(f"row {i} has a value that is not finite or |x| > 100")
sys.exit(0)
