"""Input validator for int8-quantize: one case's JSON argument array on stdin.

Exit 0 when the case meets the statement's bounds (including its promise on
ties), else print why and exit 1.
"""
import json
import math
import sys


def fail(msg):
    print(msg)
    sys.exit(1)


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def in_bounds(v):
    return math.isfinite(v) and (v == 0 or 1e-30 <= abs(v) <= 1e30)


def main():
    try:
        args = json.loads(sys.stdin.read())
    except ValueError as e:
        fail(f"not JSON: {e}")
    if not isinstance(args, list) or len(args) != 2:
        fail("expected [x, amax]")
    x, amax = args
    if not isinstance(x, list) or len(x) > 10**5:
        fail("x: a list of at most 1e5 floats")
    for i, v in enumerate(x):
        if not is_num(v) or not in_bounds(float(v)):
            fail(f"x[{i}] = {v!r}: finite, 0 or 1e-30 <= |x| <= 1e30")
    if not is_num(amax) or amax < 0 or not in_bounds(float(amax)):
        fail(f"amax = {amax!r}: 0 or in [1e-30, 1e30]")
    r = float(amax) if amax > 0 else max((abs(float(v)) for v in x), default=0.0)
    if r == 0:
        return 0
    scale = r / 127.0
    exact = math.frexp(scale)[0] == 0.5
    for i, v in enumerate(x):
        t = float(v) / scale
        if abs(t) <= 128 and not exact and abs(abs(t - math.floor(t)) - 0.5) < 1e-6:
            fail(f"x[{i}] / scale = {t!r} is within 1e-6 of a half while scale = {scale!r} is not a power of two")
    return 0


sys.exit(main())
