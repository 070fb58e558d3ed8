"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.{in,ans} and cases/hidden/*.{in,ans}; the expected
values come from the reference solution.
"""
import copy
import json
import os
import random
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "reference"))
from solution import rms_norm  # noqa: E402

rng = random.Random(20261203)


def write(group, name, x, weight, eps):
    x = [[float(v) for v in row] for row in x]
    weight = [float(v) for v in weight]
    args = [x, weight, float(eps)]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps(args, separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(rms_norm(*copy.deepcopy(args)), separators=(",", ":")) + "\n")


def vec(d, lo, hi, digits=4):
    return [round(rng.uniform(lo, hi), digits) for _ in range(d)]


def scaled(d, exp10):
    """d values m * 10^exp10 with random mantissas m in [-9.99, 9.99]."""
    return [float(f"{rng.uniform(-9.99, 9.99):.3f}e{exp10}") for _ in range(d)]


ones = lambda d: [1.0] * d  # noqa: E731

write("sample", "01-example", [[3, 4]], [1, 2], 1e-6)
write("sample", "02-two-rows", [[1, -1, 2, 0.5], [0, 0, 0, 0]], [1, 0.5, -1, 2], 1e-5)
write("sample", "03-huge", [[1e300, -1e300, 5e299]], [1, 1, 1], 1e-6)

write("hidden", "01-empty", [], [1.0, 1.0, 1.0], 1e-6)
write("hidden", "02-d-one", [[2.5], [-4.0], [0.0], [1e-3]], [3.0], 1e-6)
write("hidden", "03-random", [vec(64, -3, 3) for _ in range(8)], vec(64, -2, 2), 1e-6)
# eps comparable to the mean square.
write("hidden", "04-large-eps", [vec(16, -0.5, 0.5) for _ in range(8)], ones(16), 0.1)
write("hidden", "05-eps-one", [vec(8, -2, 2) for _ in range(4)], vec(8, -10, 10), 1.0)
# An offset row: subtracting the mean changes everything.
write("hidden", "06-offset-rows", [[10 + v for v in vec(32, -1, 1)] for _ in range(6)], vec(32, -1, 1), 1e-6)
# Squares overflow float64 (1e160^2 = 1e320).
write("hidden", "07-overflow-1e160", [scaled(50, 160) for _ in range(4)], vec(50, -2, 2), 1e-6)
write("hidden", "08-overflow-1e300", [scaled(200, 299) for _ in range(4)], ones(200), 1e-5)
write("hidden", "09-one-huge-rest-small", [[1e300] + vec(63, -1, 1), [-7e299] + [0.0] * 63], vec(64, -5, 5), 1e-6)
# Tiny values: eps dominates; squares underflow harmlessly.
write("hidden", "10-tiny-1e-300", [scaled(20, -300) for _ in range(3)], ones(20), 1e-12)
write("hidden", "11-tiny-1e-4", [vec(20, -1e-4, 1e-4, 9) for _ in range(3)], ones(20), 1e-12)
write("hidden", "12-mixed-magnitudes", [scaled(30, e) for e in (-200, -5, 0, 5, 100, 150, 250, 299)],
      vec(30, -10, 10), 1e-8)
write("hidden", "13-zero-rows", [[0.0] * 5, [0.0, 0.0, 0.0, 0.0, 1e-300], [0.0] * 5], ones(5), 1e-12)
# Large: n * d = 4e4 and 2.5e4 (the answer files stay small).
d = 1000
write("hidden", "14-large-wide", [vec(d, -50, 50, 1) for _ in range(40)], vec(d, -2, 2, 2), 1e-6)
d = 4096
write("hidden", "15-large-max-d-huge", [scaled(d, 250) for _ in range(3)] + [vec(d, -9, 9, 1) for _ in range(3)],
      ones(d), 1e-6)
