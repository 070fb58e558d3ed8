"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.{in,ans} and cases/hidden/*.{in,ans}; the expected
values come from the reference solution. Values whose quotient x / scale
falls within 1e-6 of a half are nudged away unless the scale is a power of
two (the statement's promise).
"""
import json
import math
import os
import random
import shutil
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "reference"))
from solution import int8_quantize  # noqa: E402

rng = random.Random(127)


def safe(x, amax):
    """Nudge values whose x / scale is within 1e-6 of a half (inexact scales only)."""
    r = amax if amax > 0 else max((abs(v) for v in x), default=0.0)
    if r == 0 or math.frexp(r / 127.0)[0] == 0.5:
        return x
    scale = r / 127.0
    out = []
    for v in x:
        t = v / scale
        if abs(t) <= 128 and abs(abs(t - math.floor(t)) - 0.5) < 1e-6 and abs(v) != r:
            v = v * (1 - 1e-5)
        out.append(v)
    return out


def write(group, name, x, amax):
    x = safe([float(v) for v in x], float(amax))
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([x, float(amax)], separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(int8_quantize(x, float(amax)), separators=(",", ":")) + "\n")


if os.path.isdir(os.path.join(HERE, "cases")):
    shutil.rmtree(os.path.join(HERE, "cases"))

write("sample", "01-dynamic", [1.0, -2.5, 3.5, 127.0, -0.0], 0)
write("sample", "02-calibrated", [100.0, -100.0, 1.25, -0.75], 63.5)

write("hidden", "01-empty", [], 0)
write("hidden", "02-empty-calibrated", [], 3.0)
write("hidden", "03-all-zero", [0.0, -0.0, 0.0], 0)
write("hidden", "04-all-zero-calibrated", [0.0, -0.0], 2.0)
write("hidden", "05-single", [-3.7], 0)
# Halves with an exact scale (1.0): to even, both signs.
write("hidden", "06-halves-scale-one", [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 126.5, -126.5, 127.0, -127.0], 0)
# Exact scale 2.0 (range 254): x = 5 -> 2.5 -> 2.
write("hidden", "07-halves-scale-two", [5.0, 7.0, -5.0, -7.0, 1.0, -1.0, 253.0, -254.0], 0)
# Calibrated range clips on both sides: -127, never -128.
write("hidden", "08-clip-both-sides", [-1e6, -128.0, -127.6, 127.6, 1e6, 64.0], 127.0)
write("hidden", "09-clip-negative-only", [-300.0, -129.5, 10.0, 20.0], 127.0)
# Range set by a negative value.
write("hidden", "10-negative-max", [-8.0, 1.0, 3.0, -2.0], 0)
write("hidden", "11-tiny-values", [1e-30, -2.5e-30, 1.7e-30, -1e-30], 0)
write("hidden", "12-huge-values", [1e30, -3e29, 7.77e29, -1e30], 0)
write("hidden", "13-tiny-amax-huge-x", [1e30, -1e30, 1e-30, -5e-31 * 2], 1e-30)
write("hidden", "14-amax-above-max", [0.1, -0.2, 0.3], 1000.0)
write("hidden", "15-random-dynamic", [rng.uniform(-3, 3) for _ in range(500)], 0)
write("hidden", "16-random-calibrated", [rng.gauss(0, 1) for _ in range(500)], 2.5)
# Large: up to 1e5 values; an exact scale (127 / 127 = 1) with many halves, and a
# heavy-tailed tensor with an outlier-setting range.
write("hidden", "17-large-halves", [rng.randint(-254, 254) / 2 for _ in range(100_000)], 127.0)
x = [round(rng.gauss(0, 0.02), 4) for _ in range(50_000)]
x[rng.randrange(len(x))] = -3.5
write("hidden", "18-large-outlier", x, 0)
write("hidden", "19-large-calibrated", [round(rng.gauss(0, 1), 3) for _ in range(50_000)], 1.75)
