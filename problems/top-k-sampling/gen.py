"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.{in,ans} and cases/hidden/*.{in,ans}; the expected
values come from the reference solution (exact arithmetic).
"""
import json
import math
import os
import random
import shutil
import sys
from fractions import Fraction

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "reference"))
from solution import sample_top_k  # noqa: E402

rng = random.Random(1129)
U_MAX = 0.9999999999999999  # the largest float64 below 1


def write(group, name, logits, k, t, u):
    logits = [float(x) for x in logits]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([logits, k, float(t), float(u)]) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(sample_top_k(logits, k, float(t), float(u))) + "\n")


def kept_weights(logits, k, t):
    n = len(logits)
    kk = n if k <= 0 or k > n else k
    kept = sorted(range(n), key=lambda i: (-logits[i], i))[:kk]
    top = logits[kept[0]]
    return kept, [math.exp((logits[i] - top) / t) for i in kept]


def float_boundary(logits, k, t, j):
    """The cumulative probability after the j-th kept token, summed in floats."""
    _, w = kept_weights(logits, k, t)
    total = sum(w)
    c = 0.0
    for x in w[: j + 1]:
        c += x / total
    return c


def exact_boundary(logits, k, t, j):
    """The exact cumulative probability after the j-th kept token."""
    _, w = kept_weights(logits, k, t)
    fw = [Fraction(x) for x in w]
    return sum(fw[: j + 1], Fraction(0)) / sum(fw, Fraction(0))


if os.path.isdir(os.path.join(HERE, "cases")):
    shutil.rmtree(os.path.join(HERE, "cases"))

write("sample", "01-example", [1.0, 3.0, 2.0], 2, 1.0, 0.5)
write("sample", "02-second-token", [1.0, 3.0, 2.0], 2, 1.0, 0.8)
write("sample", "03-all-kept", [0.5, 0.25, 2.0, -1.0], 0, 0.7, 0.95)

write("hidden", "01-k-zero", [0.1, 0.9, 0.3, 0.7], 0, 1.0, 0.6)
write("hidden", "02-k-negative", [2.0, 1.0, 0.0], -3, 1.0, 0.99)
write("hidden", "03-k-above-n", [2.0, 1.0, 0.0], 10, 2.0, 0.9)
write("hidden", "04-k-equals-n", [0.3, 0.1, 0.2], 3, 1.0, 0.75)
write("hidden", "05-k-one", [0.3, 5.0, 0.2], 1, 1.0, 0.999)
write("hidden", "06-tie-at-cut", [1.0, 2.0, 1.0, 1.0, 0.5], 2, 1.0, 0.9)
write("hidden", "07-tie-at-cut-order", [3.0, 1.0, 3.0, 1.0], 3, 1.0, 0.99)
write("hidden", "08-n-one", [-7.5], 5, 0.3, 0.999)
write("hidden", "09-all-negative", [-3.0, -1.0, -2.0, -10.0, -1.5], 4, 0.8, 0.7)
write("hidden", "10-huge-logits-cold", [1e4, -1e4, 9999.999, 1e4 - 0.002, -9999.0], 3, 1e-3, 0.5)
write("hidden", "11-huge-logits-cold-2", [-1e4, 1e4, 1e4, 5e3], 0, 1e-3, 0.75)
write("hidden", "12-u-zero", [0.2, 0.4, 0.1, 0.3], 3, 1.0, 0.0)
write("hidden", "13-u-almost-one", [0.2, 0.4, 0.1, 0.3], 4, 1.0, U_MAX)
write("hidden", "14-u-almost-one-hot", [5.0, 1.0, 2.0], 0, 10.0, U_MAX)
write("hidden", "15-hot-temperature", [1.0, 2.0, 3.0, 4.0], 0, 100.0, 0.5)
lg = [rng.gauss(0, 2) for _ in range(1000)]
write("hidden", "16-random-1000", lg, 50, 0.8, rng.random())
# u exactly on a boundary as a float sum gives it: either neighbour is right.
lg = [rng.gauss(0, 1) for _ in range(64)]
write("hidden", "17-u-on-boundary", lg, 20, 1.0, float_boundary(lg, 20, 1.0, 4))
lg = [round(rng.uniform(-5, 5), 1) for _ in range(200)]
write("hidden", "18-many-ties", lg, 37, 0.5, rng.random())
lg = [round(rng.gauss(0, 3), 4) for _ in range(100_000)]
write("hidden", "19-large-n", lg, 5000, 0.9, rng.random())
lg = [round(rng.gauss(0, 3), 4) for _ in range(100_000)]
write("hidden", "20-large-n-all-kept", lg, 0, 1.5, rng.random())

# u in the last rounding gap: the float sum of w/W ends at or below u, and
# the tail of kept tokens has weight 0 (never the answer).
write("hidden", "21-rounding-gap-zero-tail", [0.0, -2.0, -1e4, -1e4], 0, 1.0, U_MAX)
write("hidden", "22-rounding-gap-zero-tail-2", [-1e4, 0.0, -1.93, -0.6, -9000.0, -1e4], 5, 1.0, U_MAX)
write("hidden", "23-rounding-gap-positive-tail", [0.0, -0.72, -0.57, -0.9, -3.82], 0, 1.0, U_MAX)
# Cold temperature, max not first: exp(l/T), exp(l/T - m) and a shift by the
# first logit all overflow; all-negative huge logits underflow without a shift.
write("hidden", "24-cold-max-in-middle", [-1e4, 9999.9995, 1e4, 9999.9999, -5000.0], 0, 1e-3, 0.6)
write("hidden", "25-cold-all-negative", [-1e4 + 0.0007, -1e4, -1e4 + 0.0012, -9999.0], 3, 1e-3, 0.4)
# Logits that single precision cannot tell apart (float32 spacing at 1e4 is ~1e-3).
write("hidden", "26-float32-close-logits", [9999.9991, 9999.9994], 0, 1e-3, 0.3)
write("hidden", "27-float32-close-logits-2", [-9999.9999, 1234.5, -9999.9997, 1234.5004, 1234.50015], 4, 1e-3, 0.55)
# Ties at the cut, with 0.0 and -0.0 equal.
write("hidden", "28-tie-at-cut-signed-zero", [-0.0, 0.0, -1.0, 0.0, -0.0], 3, 1.0, 0.7)
write("hidden", "29-tie-at-cut-last-kept", [2.0, 1.0, 1.0, 1.0, 1.0, 0.0], 3, 1.0, U_MAX)
# Large, u just past an exact boundary (1e-7 beyond, far above the 1e-9
# tolerance): float32 accumulation lands on the wrong side.
lg = [round(rng.gauss(0, 2), 5) for _ in range(50_000)]
b = exact_boundary(lg, 0, 1.0, 15_000)
write("hidden", "30-large-u-near-boundary", lg, 0, 1.0, float(b + Fraction(1, 10**7)))
lg = [round(rng.uniform(-3, 3), 3) for _ in range(50_000)]
b = exact_boundary(lg, 10_000, 0.7, 4_500)
write("hidden", "31-large-ties-u-near-boundary", lg, 10_000, 0.7, float(b - Fraction(1, 10**7)))
