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
from solution import clip_grad_norm  # noqa: E402

rng = random.Random(20261207)


def write(group, name, grads, max_norm, eps):
    grads = [[float(x) for x in g] for g in grads]
    args = [grads, float(max_norm), float(eps)]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps(args, separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(clip_grad_norm(*copy.deepcopy(args)), separators=(",", ":")) + "\n")


def vec(n, lo, hi, digits=4):
    return [round(rng.uniform(lo, hi), digits) for _ in range(n)]


def scaled(n, exp10):
    return [float(f"{rng.uniform(-9.99, 9.99):.3f}e{exp10}") for _ in range(n)]


write("sample", "01-example", [[3, 0], [4]], 1.0, 1e-6)
write("sample", "02-below-threshold", [[3, 0], [4]], 10.0, 1e-6)
write("sample", "03-several-tensors", [[0.5, -0.5], [], [1.0, 2.0, -2.0], [0.1]], 2.0, 1e-6)

write("hidden", "01-no-tensors", [], 1.0, 1e-6)
write("hidden", "02-all-empty", [[], [], []], 1.0, 1e-6)
write("hidden", "03-all-zero", [[0.0, 0.0], [0.0], [0.0, 0.0, 0.0]], 0.5, 1e-6)
write("hidden", "04-single-value", [[-7.5]], 1.0, 1e-6)
# Each tensor is below max_norm alone, the global norm is above it.
write("hidden", "05-global-not-per-tensor", [vec(4, -0.4, 0.4) for _ in range(10)], 1.0, 1e-6)
# Small gradients: must stay unchanged (no scaling up).
write("hidden", "06-small-grads-unchanged", [vec(20, -1e-3, 1e-3, 7) for _ in range(5)], 1.0, 1e-6)
# eps = 1e-2 shifts the coefficient visibly.
write("hidden", "07-large-eps", [vec(6, -0.2, 0.2) for _ in range(3)], 0.1, 1e-2)
write("hidden", "08-eps-keeps-zero-norm", [[0.0] * 4, []], 1e-6, 1e-2)
# Squares overflow: values ~1e160 and ~1e300.
write("hidden", "09-overflow-1e160", [scaled(30, 160) for _ in range(4)], 1.0, 1e-6)
write("hidden", "10-overflow-1e299", [scaled(10, 299), [1.0, -2.0], scaled(5, 299)], 5.0, 1e-6)
write("hidden", "11-one-huge-value", [[0.5] * 20, [1e300], [-0.25] * 10], 1e6, 1e-6)
# Tiny values: norm far below max_norm, unchanged.
write("hidden", "12-tiny-values", [scaled(8, -300), scaled(8, -200)], 1e-6, 1e-12)
# Norm just above and just below max_norm.
write("hidden", "13-near-threshold", [[0.6, 0.8], [0.0]], 1.0 - 1e-9, 1e-12)
write("hidden", "14-near-threshold-above", [[0.6, 0.8], [0.0]], 1.0 + 1e-9, 1e-12)
write("hidden", "15-max-norm-large", [vec(50, -1e5, 1e5, 1) for _ in range(3)], 1e6, 1e-6)
# Large: 5e4 values over 100 tensors; 1000 small tensors.
write("hidden", "16-large", [vec(500, -1, 1, 3) for _ in range(100)], 1.0, 1e-6)
write("hidden", "17-many-tensors", [vec(rng.randrange(0, 20), -5, 5, 2) for _ in range(1000)], 3.0, 1e-6)
