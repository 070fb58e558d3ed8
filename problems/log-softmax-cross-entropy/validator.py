"""Input validator for log-softmax-cross-entropy: one case's JSON argument array on stdin.

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


def main():
    try:
        args = json.loads(sys.stdin.read())
    except ValueError as e:
        fail(f"not JSON: {e}")
    if not isinstance(args, list) or len(args) != 2:
        fail("expected [logits, targets]")
    logits, targets = args
    if not isinstance(logits, list) or not isinstance(targets, list):
        fail("logits and targets must be lists")
    if len(targets) != len(logits):
        fail(f"len(targets) = {len(targets)} != B = {len(logits)}")
    c = None
    for r, row in enumerate(logits):
        if not isinstance(row, list) or not row:
            fail(f"logits[{r}]: a non-empty list")
        if c is None:
            c = len(row)
        elif len(row) != c:
            fail(f"logits[{r}] has {len(row)} logits, row 0 has {c}")
        for j, x in enumerate(row):
            if not isinstance(x, (int, float)) or isinstance(x, bool) or not math.isfinite(x) or abs(x) > 1e4:
                fail(f"logits[{r}][{j}] = {x!r}: finite with |x| <= 1e4")
    if c is not None and len(logits) * c > 2 * 10**5:
        fail(f"B*C = {len(logits) * c} > 2e5")
    for r, t in enumerate(targets):
        if not is_int(t) or not (t == -100 or 0 <= t < c):
            fail(f"targets[{r}] = {t!r}: -100 or in [0, {c})")
    return 0


sys.exit(main())
