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
    fail("expected [rewards, group_size, eps]")
rewards, g, eps = args
if not isinstance(g, int) or isinstance(g, bool) or not 2 <= g <= 256:
    fail(f"group_size = {g!r} must be an integer in [2, 256]")
if not isinstance(rewards, list) or len(rewards) > 100_000 or len(rewards) % g:
    fail("rewards must be a list of at most 1e5 values whose length is a multiple of group_size")
if not all(is_num(r) and abs(r) <= 1e6 for r in rewards):
    fail("every reward must be finite with |r| <= 1e6")
if not is_num(eps) or not 0 <= eps <= 1e-2:
    fail(f"eps = {eps!r} outside [0, 1e-2]")
for s in range(0, len(rewards), g):
    grp = rewards[s:s + g]
    if all(r == grp[0] for r in grp):
        continue
    mean = math.fsum(grp) / g
    std = math.sqrt(math.fsum((r - mean) ** 2 for r in grp) / (g - 1))
    if std < 1e-6 * max(abs(r) for r in grp):
        fail(f"group starting at {s}: std {std} < 1e-6 * max|r|")
sys.exit(0)
