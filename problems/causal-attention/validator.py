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


def check_matrix(name, m, n, lo_w, hi_w, bound):
    if not isinstance(m, list) or len(m) != n:
        fail(f"{name} must be a list of n = {n} rows")
    if n and not isinstance(m[0], list):
        fail(f"{name}[0] must be a list")
    width = len(m[0]) if n else None
    if n and not lo_w <= width <= hi_w:
        fail(f"{name} row width {width} outside [{lo_w}, {hi_w}]")
    for i, row in enumerate(m):
        if not isinstance(row, list) or len(row) != width:
            fail(f"{name}[{i}] does not have length {width}")
        if not all(is_num(x) and abs(x) <= bound for x in row):
            fail(f"{name}[{i}] has a value that is not finite or above {bound} in magnitude")
    return width


try:
    args = json.load(sys.stdin)
except ValueError as e:
    fail(f"not JSON: {e}")
if not isinstance(args, list) or len(args) != 3:
    fail("expected [q, k, v]")
q, k, v = args
if not isinstance(q, list):
    fail("q must be a list")
n = len(q)
if n > 512:
    fail(f"n = {n} > 512")
dq = check_matrix("q", q, n, 1, 64, 100)
dk = check_matrix("k", k, n, 1, 64, 100)
dv = check_matrix("v", v, n, 1, 64, 1000)
if dq != dk:
    fail(f"q width {dq} != k width {dk}")
if n and n * n * (dq + dv) > 4_000_000:
    fail(f"n^2 (d + dv) = {n * n * (dq + dv)} > 4e6")
sys.exit(0)
