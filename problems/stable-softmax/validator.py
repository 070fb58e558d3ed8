"""Input validator for stable-softmax: one case's JSON argument array on stdin.

Exit 0 when the case meets the statement's bounds, else print why and exit 1.
"""
import json
import math
import sys


def fail(msg):
    print(msg)
    sys.exit(1)


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
    if not isinstance(args, list) or len(args) != 1 or not isinstance(args[0], list):
        fail("expected [logits]")
    logits = args[0]
    if len(logits) > 10**5:
        fail(f"n = {len(logits)} > 1e5")
    finite = 0
    for i, raw in enumerate(logits):
        x = as_float(raw)
        if x is None:
            fail(f"logits[{i}] = {raw!r}: not a float")
        if x == -math.inf:
            continue
        if not math.isfinite(x) or abs(x) > 1e4:
            fail(f"logits[{i}] = {x!r}: must be -inf or finite with |x| <= 1e4")
        finite += 1
    if logits and finite == 0:
        fail("every logit is -inf")
    return 0


sys.exit(main())
