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
from solution import adam_step  # noqa: E402

rng = random.Random(20261206)


def write(group, name, p, g, m, v, t, lr, b1, b2, eps):
    p, g, m, v = ([float(x) for x in a] for a in (p, g, m, v))
    args = [p, g, m, v, int(t), float(lr), float(b1), float(b2), float(eps)]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps(args, separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(adam_step(*copy.deepcopy(args)), separators=(",", ":")) + "\n")


def vec(n, lo, hi, digits=4):
    return [round(rng.uniform(lo, hi), digits) for _ in range(n)]


def state(n, scale):
    """Plausible optimiser state: m ~ gradients, v ~ squared gradients."""
    m = vec(n, -scale, scale, 6)
    v = [round(rng.uniform(0.0, 1.0) * scale * scale, 8) for _ in range(n)]
    return m, v


Z = lambda n: [0.0] * n  # noqa: E731

write("sample", "01-example", [1.0], [0.5], [0.0], [0.0], 1, 0.1, 0.9, 0.999, 1e-8)
write("sample", "02-first-step-signs", [0.5, -0.25, 2.0], [0.01, -3.0, 0.0], Z(3), Z(3), 1, 1e-3, 0.9, 0.999, 1e-8)
m, v = state(4, 0.5)
write("sample", "03-later-step", vec(4, -1, 1), vec(4, -1, 1), m, v, 10, 1e-3, 0.9, 0.999, 1e-8)

write("hidden", "01-empty", [], [], [], [], 1, 1e-3, 0.9, 0.999, 1e-8)
write("hidden", "02-first-step", vec(20, -2, 2), vec(20, -1, 1), Z(20), Z(20), 1, 3e-4, 0.9, 0.95, 1e-8)
m, v = state(30, 1.0)
write("hidden", "03-step-two", vec(30, -2, 2), vec(30, -1, 1), m, v, 2, 1e-3, 0.9, 0.999, 1e-8)
# Small gradients and a large eps: where eps sits matters.
m, v = state(25, 1e-4)
write("hidden", "04-large-eps", vec(25, -1, 1), vec(25, -1e-4, 1e-4, 8), m, v, 3, 1e-2, 0.9, 0.999, 1e-2)
write("hidden", "05-eps-vs-tiny-grads", vec(10, -1, 1), vec(10, -1e-6, 1e-6, 10), Z(10), Z(10), 1, 0.1, 0.9, 0.999, 1e-6)
# Late training: beta^t underflows, correction is 1.
m, v = state(20, 10.0)
write("hidden", "06-huge-t", vec(20, -100, 100), vec(20, -10, 10), m, v, 10**9, 1e-4, 0.9, 0.999, 1e-8)
m, v = state(20, 1.0)
write("hidden", "07-mid-t", vec(20, -1, 1), vec(20, -1, 1), m, v, 1000, 1e-3, 0.9, 0.999, 1e-8)
# beta1 = 0 (RMSProp-like) and beta2 = 0.
m, v = state(12, 1.0)
write("hidden", "08-beta1-zero", vec(12, -1, 1), vec(12, -1, 1), m, v, 5, 0.05, 0.0, 0.99, 1e-8)
write("hidden", "09-beta2-zero", vec(12, -1, 1), vec(12, -1, 1), m, v, 5, 0.05, 0.5, 0.0, 1e-8)
# Extremes of every bound; zero gradients with nonzero momentum.
write("hidden", "10-extremes", [1e3, -1e3, 0.0, 1e3], [1e3, -1e3, 0.0, 0.0], [-1e3, 1e3, 0.0, 1e3],
      [1e6, 0.0, 0.0, 0.0], 7, 1.0, 0.999, 0.9999, 1e-12)
write("hidden", "11-zero-grads", vec(8, -1, 1), Z(8), vec(8, -1, 1), [0.25] * 8, 4, 1e-3, 0.9, 0.999, 1e-8)
# Large: n = 25000.
n = 25_000
m, v = state(n, 0.1)
write("hidden", "12-large", vec(n, -1, 1, 3), vec(n, -0.1, 0.1, 4), m, v, 37, 2e-4, 0.9, 0.98, 1e-8)
