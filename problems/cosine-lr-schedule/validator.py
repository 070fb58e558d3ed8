"""Input validator: reads one case's .in (JSON array of arguments) on stdin;
exits 0 when it meets every bound of the statement, else prints why, exits 1."""
import json
import math
import sys


def fail(msg):
    print(msg)
    sys.exit(1)


def is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


try:
    args = json.load(sys.stdin)
except ValueError as e:
    fail(f"not JSON: {e}")
if not isinstance(args, list) or len(args) != 5:
    fail("expected [steps, base_lr, min_lr, warmup_steps, total_steps]")
steps, base_lr, min_lr, w, t = args
if not isinstance(steps, list) or len(steps) > 100_000:
    fail("steps must be a list of at most 1e5 integers")
if not all(is_int(s) and 0 <= s <= 2 * 10**9 for s in steps):
    fail("every step must be an integer in [0, 2e9]")
if not is_int(w) or not is_int(t) or not 0 <= w <= t <= 10**9:
    fail(f"need integers 0 <= warmup_steps ({w!r}) <= total_steps ({t!r}) <= 1e9")
if not is_num(base_lr) or not 0 < base_lr <= 10:
    fail(f"base_lr = {base_lr!r} outside (0, 10]")
if not is_num(min_lr) or not 0 <= min_lr <= base_lr:
    fail(f"min_lr = {min_lr!r} outside [0, base_lr]")
sys.exit(0)
