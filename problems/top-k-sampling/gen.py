"""Generator of this problem's cases (deterministic): python3 gen.py"""
import json
import math
import os
import random
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "reference"))
from solution import sample_top_k  # noqa: E402

rng = random.Random(1129)


def enc(x):
    return x if math.isfinite(x) else {"$float": "nan" if x != x else ("inf" if x > 0 else "-inf")}


def write(group, name, logits, k, t, u):
    logits = [float(x) for x in logits]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([[enc(x) for x in logits], k, float(t), float(u)]) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(sample_top_k(logits, k, float(t), float(u))) + "\n")


def boundary_u(logits, k, t, j):
    """The cumulative probability after the j-th kept token, as the reference sums it."""
    n = len(logits)
    kk = n if k <= 0 or k > n else k
    kept = sorted(range(n), key=lambda i: (-logits[i], i))[:kk]
    top = logits[kept[0]]
    w = [math.exp((logits[i] - top) / t) for i in kept]
    total = sum(w)
    c = 0.0
    for x in w[: j + 1]:
        c += x / total
    return c


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
write("hidden", "13-u-almost-one", [0.2, 0.4, 0.1, 0.3], 4, 1.0, 0.9999999999999999)
write("hidden", "14-u-almost-one-hot", [5.0, 1.0, 2.0], 0, 10.0, 0.9999999999999999)
write("hidden", "15-hot-temperature", [1.0, 2.0, 3.0, 4.0], 0, 100.0, 0.5)
lg = [rng.gauss(0, 2) for _ in range(1000)]
write("hidden", "16-random-1000", lg, 50, 0.8, rng.random())
# u exactly on a boundary as the reference sums it: either neighbour is right.
lg = [rng.gauss(0, 1) for _ in range(64)]
write("hidden", "17-u-on-boundary", lg, 20, 1.0, boundary_u(lg, 20, 1.0, 4))
lg = [round(rng.uniform(-5, 5), 1) for _ in range(200)]
write("hidden", "18-many-ties", lg, 37, 0.5, rng.random())
lg = [rng.gauss(0, 3) for _ in range(100_000)]
write("hidden", "19-large-n", lg, 5000, 0.9, rng.random())
lg = [rng.gauss(0, 3) for _ in range(100_000)]
write("hidden", "20-large-n-all-kept", lg, 0, 1.5, rng.random())
