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
from solution import rope  # noqa: E402

rng = random.Random(20261205)


def write(group, name, x, offset, base):
    x = [[float(v) for v in row] for row in x]
    args = [x, int(offset), float(base)]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps(args, separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(rope(*copy.deepcopy(args)), separators=(",", ":")) + "\n")


def mat(n, d, lo=-1.0, hi=1.0, digits=4):
    return [[round(rng.uniform(lo, hi), digits) for _ in range(d)] for _ in range(n)]


write("sample", "01-example", [[1, 0, 1, 0]], 1, 10000)
write("sample", "02-from-position-zero", [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]], 0, 10000)
write("sample", "03-d-two", [[1, 0], [0, 1], [3, -4]], 5, 10000)

write("hidden", "01-empty", [], 7, 10000)
write("hidden", "02-position-zero-identity", mat(1, 16), 0, 10000)
write("hidden", "03-d-two-many", mat(40, 2, -10, 10), 3, 10000)
write("hidden", "04-random-offset", mat(16, 64), 37, 10000)
write("hidden", "05-llama3-base", mat(12, 128, -5, 5), 4093, 500000)
write("hidden", "06-small-base", mat(8, 8, -2, 2), 11, 2)
# Same values in both halves except ordering: the two layouts disagree.
write("hidden", "07-layout-sensitive", [[1, 2, 3, 4, 5, 6, 7, 8]] * 4, 100, 10000)
# Large positions: float32 angles are off by up to ~0.03 rad.
write("hidden", "08-position-1e6", mat(4, 128, -100, 100, 2), 999_996, 10000)
write("hidden", "09-long-context", mat(64, 64, -50, 50, 2), 500_000, 10000)
write("hidden", "10-max-base", mat(8, 32), 123_456, 1_000_000)
write("hidden", "11-max-d", mat(3, 512, -3, 3), 65_536, 10000)
# Large: n * d = 32768 and 25600 (the answer files stay small).
write("hidden", "12-large-many-rows", mat(256, 128, -1, 1, 3), 1000, 10000)
write("hidden", "13-large-wide-rows", mat(100, 256, -10, 10, 2), 900_000, 10000)
