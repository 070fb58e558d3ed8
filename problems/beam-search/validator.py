"""Input validator for beam-search: one case's JSON argument array on stdin.

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
    if not isinstance(args, list) or len(args) != 6:
        fail("expected [logp, bos, eos, beam_width, max_len, normalize]")
    logp, bos, eos, beam_width, max_len, normalize = args
    if not isinstance(logp, list) or not 1 <= len(logp) <= 100:
        fail("logp: a list of 1..100 rows")
    v = len(logp)
    for a, row in enumerate(logp):
        if not isinstance(row, list) or len(row) != v:
            fail(f"logp[{a}]: must have V = {v} entries")
        finite = 0
        for b, raw in enumerate(row):
            x = as_float(raw)
            if x is None:
                fail(f"logp[{a}][{b}] = {raw!r}: not a float")
            if x == -math.inf:
                continue
            if not -50 <= x <= 0 or (x * 64) != int(x * 64):
                fail(f"logp[{a}][{b}] = {x!r}: -inf or a multiple of 1/64 in [-50, 0]")
            finite += 1
        if finite == 0:
            fail(f"logp[{a}]: every entry is -inf")
    for name, x in (("bos", bos), ("eos", eos)):
        if not is_int(x) or not 0 <= x < v:
            fail(f"{name} = {x!r}: an id in [0, {v})")
    if not is_int(beam_width) or not 1 <= beam_width <= 10:
        fail(f"beam_width = {beam_width!r}: in [1, 10]")
    if not is_int(max_len) or not 1 <= max_len <= 40:
        fail(f"max_len = {max_len!r}: in [1, 40]")
    if not isinstance(normalize, bool):
        fail(f"normalize = {normalize!r}: a bool")
    return 0


sys.exit(main())
