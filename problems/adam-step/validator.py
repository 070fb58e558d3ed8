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
if not isinstance(args, list) or len(args) != 9:
    fail("expected [params, grads, m, v, t, lr, beta1, beta2, eps]")
p, g, m, v, t, lr, b1, b2, eps = args
for name, a in (("params", p), ("grads", g), ("m", m), ("v", v)):
    if not isinstance(a, list):
        fail(f"{name} must be a list")
n = len(p)
if n > 100_000:
    fail(f"n = {n} > 1e5")
for name, a, lo, hi in (("params", p, -1e3, 1e3), ("grads", g, -1e3, 1e3), ("m", m, -1e3, 1e3), ("v", v, 0.0, 1e6)):
    if len(a) != n:
        fail(f"len({name}) = {len(a)} != n = {n}")
    if not all(is_num(x) and lo <= x <= hi for x in a):
        fail(f"{name} has a value outside [{lo}, {hi}] or not finite")
if not isinstance(t, int) or isinstance(t, bool) or not 1 <= t <= 10**9:
    fail(f"t = {t!r} must be an integer in [1, 1e9]")
if not is_num(lr) or not 0 < lr <= 1:
    fail(f"lr = {lr!r} outside (0, 1]")
for name, b in (("beta1", b1), ("beta2", b2)):
    if not is_num(b) or not 0 <= b < 1:
        fail(f"{name} = {b!r} outside [0, 1)")
if not is_num(eps) or not 1e-12 <= eps <= 1e-2:
    fail(f"eps = {eps!r} outside [1e-12, 1e-2]")
sys.exit(0)
