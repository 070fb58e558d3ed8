"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.{in,ans} and cases/hidden/*.{in,ans}; the expected
values come from the reference solution.
"""
import json
import os
import random
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "reference"))
from solution import moe_gate  # noqa: E402

rng = random.Random(20261205)


def write(group, name, logits, k, capacity):
    logits = [[float(x) for x in row] for row in logits]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([logits, k, capacity], separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(moe_gate(logits, k, capacity), separators=(",", ":")) + "\n")


def rand_logits(T, E, scale=3.0, digits=4):
    return [[round(max(-1e4, min(1e4, rng.gauss(0.0, scale))), digits) for _ in range(E)] for _ in range(T)]


write("sample", "01-example", [[2, 1, 0], [2, 0, 1], [0, 0, 0]], 2, 2)
write("sample", "02-top1", [[0.5, -1.0], [3.0, 4.0], [1.0, 1.0]], 1, 3)

write("hidden", "01-no-tokens", [], 1, 0)
write("hidden", "02-one-expert", [[1.5], [-2.0], [0.0]], 1, 2)
write("hidden", "03-capacity-zero", [[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]], 2, 0)
write("hidden", "04-k-equals-e", [[0.0, 1.0, 2.0, 3.0], [-1.0, -1.0, 5.0, 0.25]], 4, 2)
write("hidden", "05-ties-at-cut", [[1.0, 3.0, 3.0, 3.0, 0.0], [2.0, 2.0, 2.0, 2.0, 2.0], [-0.0, 0.0, -1.0, -0.0, 0.0]], 2, 3)
write("hidden", "06-huge-logits", [[10000.0, 9999.0, -10000.0], [9990.5, 10000.0, 9995.0], [-9999.0, -10000.0, -9998.0]], 2, 3)
write("hidden", "07-far-apart", [[10000.0, -10000.0, 0.0], [-10000.0, -10000.0, -10000.0]], 2, 2)
# Capacity binds: token 0's second choice comes before token 1's first.
write("hidden", "08-token-order", [[5.0, 4.0, 0.0], [0.0, 5.0, 4.0], [4.0, 5.0, 0.0], [0.0, 4.0, 5.0]], 2, 2)
write("hidden", "09-all-to-one", [[9.0, 1.0, 0.5, 0.0]] * 6, 2, 2)
write("hidden", "10-near-ties", [[1.0, 1.0 + 2**-52, 1.0 - 2**-53, 0.9999999999], [0.3, 0.1 + 0.2, 0.30000000000000004, 0.3]], 2, 2)
write("hidden", "11-random-tight", rand_logits(64, 8), 2, 12)
write("hidden", "12-random-k3", rand_logits(100, 16, scale=20.0, digits=2), 3, 15)
rows = [[float(rng.randrange(-3, 4)) for _ in range(8)] for _ in range(80)]
write("hidden", "13-random-integer-ties", rows, 3, 25)
write("hidden", "14-random-large-scale", rand_logits(50, 6, scale=3000.0, digits=3), 2, 20)
# Large: T*E = 1e5 (2048 tokens x 48 experts), top-2, capacity ~ 1.25 * T*k/E.
T, E, k = 2048, 48, 2
write("hidden", "15-large", rand_logits(T, E, scale=2.0, digits=3), k, int(1.25 * T * k / E))
