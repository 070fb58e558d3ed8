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
from solution import causal_attention  # noqa: E402

rng = random.Random(20261204)


def write(group, name, q, k, v):
    q, k, v = ([[float(x) for x in row] for row in m] for m in (q, k, v))
    args = [q, k, v]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps(args, separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(causal_attention(*copy.deepcopy(args)), separators=(",", ":")) + "\n")


def mat(n, d, lo, hi, digits=3):
    return [[round(rng.uniform(lo, hi), digits) for _ in range(d)] for _ in range(n)]


write("sample", "01-example", [[1, 0], [0, 1]], [[1, 0], [0, 1]], [[1, 2], [3, 4]])
write("sample", "02-three-positions", [[0.5, -1], [1, 1], [2, 0]], [[1, 0], [0.5, 0.5], [-1, 2]],
      [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
write("sample", "03-single", [[3.0, 4.0]], [[-2.0, 1.0]], [[7.5]])

write("hidden", "01-empty", [], [], [])
write("hidden", "02-d-one", mat(6, 1, -2, 2), mat(6, 1, -2, 2), mat(6, 2, -5, 5))
write("hidden", "03-random-small", mat(8, 4, -1, 1), mat(8, 4, -1, 1), mat(8, 4, -10, 10))
write("hidden", "04-dv-differs", mat(10, 3, -2, 2), mat(10, 3, -2, 2), mat(10, 7, -100, 100))
# q = 0: every score is 0, so out[i] is the mean of v[0..i].
write("hidden", "05-uniform-prefix-mean", [[0.0] * 5] * 12, mat(12, 5, -3, 3), mat(12, 3, -9, 9))
# Scores around +1e4..8e4: exp overflows without the max shift.
write("hidden", "06-huge-positive-scores", mat(20, 64, 90, 100, 1), mat(20, 64, 90, 100, 1), mat(20, 8, -1e3, 1e3, 2))
# Scores around -8e4 for every key: exp underflows to 0 without the max shift.
write("hidden", "07-huge-negative-scores", mat(16, 64, 90, 100, 1), mat(16, 64, -100, -90, 1), mat(16, 4, -50, 50))
# Exact ties among the largest scores.
write("hidden", "08-tied-scores", [[1.0, 1.0]] * 6, [[2, 0], [0, 2], [1, 1], [-5, 0], [1, 1], [0.5, 0.5]],
      mat(6, 2, -1, 1))
# Mixed magnitudes: sharp and flat rows.
q = mat(24, 16, -1, 1) + mat(24, 16, -100, 100, 1)
k = mat(24, 16, -100, 100, 1) + mat(24, 16, -1, 1)
write("hidden", "09-sharp-and-flat", q, k, mat(48, 16, -1e3, 1e3, 1))
# Future keys dominate if the mask is missing.
n = 32
write("hidden", "10-future-dominates", [[1.0] * 8] * n, [[float(j)] * 8 for j in range(n)],
      [[float(j), -float(j)] for j in range(n)])
# Large: n^2 (d + dv) about 3e6 and 2e6.
write("hidden", "11-large-n300", mat(300, 16, -3, 3, 2), mat(300, 16, -3, 3, 2), mat(300, 16, -10, 10, 2))
write("hidden", "12-large-n512", mat(512, 2, -20, 20, 1), mat(512, 2, -20, 20, 1), mat(512, 2, -10, 10, 2))
