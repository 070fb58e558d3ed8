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
from solution import sample_top_p  # noqa: E402

rng = random.Random(5150)
U_MAX = 0.9999999999999999  # the largest float64 below 1


def write(group, name, logits, p, t, u):
    logits = [float(x) for x in logits]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([logits, float(p), float(t), float(u)]) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(sample_top_p(logits, float(p), float(t), float(u))) + "\n")


def exact_prefix(logits, t):
    """Exact cumulative weights C_0..C_n in the order of the statement."""
    order = sorted(range(len(logits)), key=lambda i: (-logits[i], i))
    top = logits[order[0]]
    prefix = [Fraction(0)]
    for i in order:
        prefix.append(prefix[-1] + Fraction(math.exp((logits[i] - top) / t)))
    return prefix


if os.path.isdir(os.path.join(HERE, "cases")):
    shutil.rmtree(os.path.join(HERE, "cases"))

write("sample", "01-example", [1.0, 3.0, 2.0, 0.0], 0.8, 1.0, 0.7)
write("sample", "02-example-second", [1.0, 3.0, 2.0, 0.0], 0.8, 1.0, 0.75)
write("sample", "03-p-one", [0.5, -1.0, 2.0], 1.0, 1.0, 0.95)

write("hidden", "01-p-one-all-kept", [0.3, 0.1, 0.2, 0.4, -0.2], 1.0, 0.5, 0.97)
write("hidden", "02-p-tiny-only-top", [0.3, 2.1, 0.2, 2.0], 1e-9, 1.0, 0.999)
write("hidden", "03-single-token", [-9999.5], 0.3, 1e-3, 0.5)
# The token that crosses p is kept: C = 0.25, 0.5, ... with p = 0.3 keeps two.
write("hidden", "04-crossing-token-kept", [1.0, 1.0, 1.0, 1.0], 0.3, 1.0, 0.99)
# p exactly on a cumulative boundary (0.5 is exact): the shortest prefix with C >= p.
write("hidden", "05-p-on-exact-boundary", [1.0, 1.0, 1.0, 1.0], 0.5, 1.0, 0.75)
# Ties straddling the cut: the smaller indices are kept.
write("hidden", "06-tie-at-cut", [0.0, 1.0, 1.0, 3.0, 1.0, 1.0], 0.8, 1.0, U_MAX)
write("hidden", "07-tie-at-cut-signed-zero", [-0.0, 0.0, -1.0, 0.0, -0.0], 0.6, 1.0, 0.8)
# Cold temperatures with huge logits, maximum not first.
write("hidden", "08-cold-max-in-middle", [-1e4, 9999.9995, 1e4, 9999.9999, -5000.0], 0.95, 1e-3, 0.9)
write("hidden", "09-cold-all-negative", [-1e4 + 0.0007, -1e4, -1e4 + 0.0012, -9999.0], 0.99, 1e-3, 0.4)
# Logits single precision cannot tell apart.
write("hidden", "10-float32-close-logits", [9999.9991, 9999.9994], 1.0, 1e-3, 0.3)
# u in the last rounding gap, weight-0 tail: a float nucleus with p = 1 may
# take in the weight-0 tokens; they are never the answer.
write("hidden", "11-rounding-gap-zero-tail", [0.0, -2.0, -1e4, -1e4], 1.0, 1.0, U_MAX)
write("hidden", "12-rounding-gap-zero-tail-2", [-1e4, 0.0, -1.93, -0.6, -9000.0, -1e4], 1.0, 1.0, U_MAX)
# The nucleus is chosen after the temperature.
write("hidden", "13-hot-temperature-nucleus", [3.0, 2.0, 1.0, 0.0, -1.0], 0.9, 5.0, 0.95)
write("hidden", "14-cold-temperature-nucleus", [3.0, 2.9, 2.0, 1.0], 0.9, 0.2, 0.97)
# Renormalisation matters: u beyond the nucleus mass.
write("hidden", "15-renormalise", [2.0, 1.5, 1.0, 0.5, 0.0], 0.5, 1.0, 0.9)
lg = [round(rng.gauss(0, 2), 6) for _ in range(1000)]
write("hidden", "16-random-1000", lg, 0.9, 0.8, rng.random())
lg = [round(rng.uniform(-5, 5), 1) for _ in range(300)]
write("hidden", "17-many-ties", lg, 0.7, 0.5, rng.random())
# Large.
lg = [round(rng.gauss(0, 3), 4) for _ in range(100_000)]
write("hidden", "18-large-n", lg, 0.95, 1.5, rng.random())
# Large, u 1e-7 past an exact boundary inside the nucleus (float32 drifts).
lg = [round(rng.gauss(0, 2), 4) for _ in range(50_000)]
pre = exact_prefix(lg, 1.0)
s = next(j for j in range(len(pre)) if pre[j] >= Fraction(0.9) * pre[-1])
write("hidden", "19-large-u-near-boundary", lg, 0.9, 1.0, float(pre[s // 2] / pre[s] + Fraction(1, 10**7)))
# Large, p 1e-7 below an exact cut, u high: the nucleus size matters.
lg = [round(rng.uniform(-3, 3), 3) for _ in range(50_000)]
pre = exact_prefix(lg, 0.7)
cut = 30_000
write("hidden", "20-large-p-near-cut", lg, float(pre[cut] / pre[-1] - Fraction(1, 10**7)), 0.7, 0.9999)
