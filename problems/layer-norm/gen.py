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
from solution import layer_norm  # noqa: E402

rng = random.Random(20261202)


def write(group, name, x, gamma, beta, eps):
    x = [[float(v) for v in row] for row in x]
    gamma = [float(v) for v in gamma]
    beta = [float(v) for v in beta]
    args = [x, gamma, beta, float(eps)]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps(args, separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(layer_norm(*copy.deepcopy(args)), separators=(",", ":")) + "\n")


def vec(d, lo, hi, digits=4):
    return [round(rng.uniform(lo, hi), digits) for _ in range(d)]


def ones(d):
    return [1.0] * d


def zeros(d):
    return [0.0] * d


write("sample", "01-example", [[1, 2, 3]], ones(3), zeros(3), 1e-5)
write("sample", "02-affine", [[0.5, -1.5, 2.0, 3.0], [4, 4, 4, 4]], [1, 2, 0.5, -1], [0, 0.1, -0.2, 3], 1e-5)
write("sample", "03-constant-row", [[7, 7]], [2, 3], [0.25, -0.25], 1e-5)

write("hidden", "01-empty", [], [1.5, 2.5], [0.0, 1.0], 1e-5)
write("hidden", "02-d-one", [[3.0], [-8.0], [0.0]], [4.0], [-1.5], 1e-6)
write("hidden", "03-single-row-random", [vec(64, -5, 5)], vec(64, -2, 2), vec(64, -1, 1), 1e-5)
# eps comparable to the variance: sqrt(var + eps) vs sqrt(var) + eps differ a lot.
write("hidden", "04-large-eps", [vec(16, -0.3, 0.3) for _ in range(8)], ones(16), zeros(16), 0.1)
write("hidden", "05-eps-one", [vec(8, -2, 2) for _ in range(5)], vec(8, -3, 3), vec(8, -3, 3), 1.0)
# Two values per row: sample variance is twice the population one.
write("hidden", "06-d-two", [vec(2, -10, 10) for _ in range(20)], ones(2), zeros(2), 1e-12)
# A large common offset with unit spread: E[x^2] - mean^2 loses every digit.
write("hidden", "07-offset-1e6", [[1e6 + v for v in vec(256, -1, 1, 6)] for _ in range(16)],
      ones(256), zeros(256), 1e-5)
write("hidden", "08-offset-1e8", [[-9.9e7 + v for v in vec(128, -1, 1, 6)] for _ in range(16)],
      vec(128, -2, 2), vec(128, -1, 1), 1e-5)
write("hidden", "09-mixed-rows", [[1e7 + v for v in vec(32, -0.5, 0.5, 6)], vec(32, -1e3, 1e3),
                                  [5.0] * 32, vec(32, -1e-3, 1e-3, 7)], vec(32, -10, 10), vec(32, -10, 10), 1e-8)
write("hidden", "10-tiny-values", [vec(10, -1e-4, 1e-4, 9) for _ in range(4)], ones(10), zeros(10), 1e-12)
write("hidden", "11-extreme-range", [[1e8, -1e8, 0.0, 1e8], [-1e8] * 4], [10, -10, 10, -10], [10, -10, 10, -10], 1e-12)
# Large: n * d = 4e4 and 2.5e4 (the answer files stay under 3 MB) (short decimals keep the files small).
d = 1000
write("hidden", "12-large-wide", [[1e6 + v for v in vec(d, -50, 50, 1)] for _ in range(40)],
      vec(d, -2, 2, 2), vec(d, -1, 1, 2), 1e-5)
d = 4096
write("hidden", "13-large-max-d", [vec(d, -100, 100, 1) for _ in range(6)], ones(d), zeros(d), 1e-5)
