"""Input validator for moe-gating: one case's JSON argument array on stdin."""
import json
import math
import sys


def fail(msg):
    print(msg)
    sys.exit(1)


def is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def main():
    try:
        args = json.loads(sys.stdin.read())
    except ValueError as e:
        fail(f"input is not JSON: {e}")
    if not isinstance(args, list) or len(args) != 3:
        fail("expected [logits, k, capacity]")
    logits, k, capacity = args
    if not isinstance(logits, list) or len(logits) > 4096:
        fail("logits: expected a list of at most 4096 rows")
    T = len(logits)
    E = None
    for t, row in enumerate(logits):
        if not isinstance(row, list) or not 1 <= len(row) <= 64:
            fail(f"logits[{t}]: expected 1 to 64 logits")
        if E is None:
            E = len(row)
        elif len(row) != E:
            fail(f"logits[{t}]: {len(row)} logits, row 0 has {E}")
        for e, x in enumerate(row):
            if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x) or abs(x) > 1e4:
                fail(f"logits[{t}][{e}]: expected a finite number with |x| <= 1e4, got {x!r:.40}")
    if T * (E or 0) > 100_000:
        fail(f"T*E = {T * E} exceeds 1e5")
    if not is_int(k) or k < 1 or (E is not None and k > E) or k > 64:
        fail(f"k: expected an int in [1, E], got {k!r:.40}")
    if not is_int(capacity) or not 0 <= capacity <= T:
        fail(f"capacity: expected an int in [0, T], got {capacity!r:.40}")


main()
