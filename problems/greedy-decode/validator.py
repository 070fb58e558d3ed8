"""Input validator for greedy-decode: one case's JSON argument array on stdin.

Exit 0 when the case meets the statement's bounds, else print why and exit 1.
"""
import json
import math
import sys


def fail(msg):
    print(msg)
    sys.exit(1)


def is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def as_float(x):
    if isinstance(x, dict) and set(x) == {"$float"} and x["$float"] in ("inf", "-inf", "nan"):
        return float(x["$float"])
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return float(x)
    return None


def main():
    try:
        args = json.loads(sys.stdin.read())
    except ValueError as e:
        fail(f"not JSON: {e}")
    if not isinstance(args, list) or len(args) != 4:
        fail("expected [scores, bos, eos, max_len]")
    scores, bos, eos, max_len = args
    if not isinstance(scores, list) or not 1 <= len(scores) <= 300:
        fail("scores: a list of 1..300 rows")
    v = len(scores)
    for a, row in enumerate(scores):
        if not isinstance(row, list) or len(row) != v:
            fail(f"scores[{a}]: must have V = {v} entries")
        finite = 0
        for b, raw in enumerate(row):
            s = as_float(raw)
            if s is None:
                fail(f"scores[{a}][{b}] = {raw!r}: not a float")
            if s == -math.inf:
                continue
            if not math.isfinite(s) or abs(s) > 1e300:
                fail(f"scores[{a}][{b}] = {s!r}: -inf or finite with |s| <= 1e300")
            finite += 1
        if finite == 0:
            fail(f"scores[{a}]: every score is -inf")
    for name, x in (("bos", bos), ("eos", eos)):
        if not is_int(x) or not 0 <= x < v:
            fail(f"{name} = {x!r}: an id in [0, {v})")
    if not is_int(max_len) or not 0 <= max_len <= 10**5:
        fail(f"max_len = {max_len!r}: in [0, 1e5]")
    return 0


sys.exit(main())
