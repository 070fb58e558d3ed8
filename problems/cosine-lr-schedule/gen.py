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
from solution import cosine_lr  # noqa: E402

rng = random.Random(20261208)


def write(group, name, steps, base_lr, min_lr, w, t):
    args = [[int(s) for s in steps], float(base_lr), float(min_lr), int(w), int(t)]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps(args, separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(cosine_lr(*copy.deepcopy(args)), separators=(",", ":")) + "\n")


write("sample", "01-example", range(7), 1.0, 0.1, 2, 5)
write("sample", "02-no-warmup", [0, 25, 50, 75, 100, 150], 3e-4, 0.0, 0, 100)
write("sample", "03-unordered", [12, 0, 3, 12, 7, 30], 6e-4, 6e-5, 4, 20)

write("hidden", "01-empty", [], 1e-3, 1e-4, 10, 100)
write("hidden", "02-all-warmup", range(10), 1e-3, 0.0, 10, 1000)
write("hidden", "03-warmup-boundary", [0, 98, 99, 100, 101], 2.0, 0.5, 100, 1000)
write("hidden", "04-warmup-equals-total", [0, 4, 5, 6, 100], 1.0, 0.25, 5, 5)
write("hidden", "05-total-zero", [0, 1, 2, 10**9], 1.0, 0.3, 0, 0)
write("hidden", "06-warmup-one", [0, 1, 2, 3], 5.0, 1.0, 1, 3)
write("hidden", "07-past-the-end", [1000, 1001, 1500, 1999, 2000, 10**6, 2 * 10**9], 1e-3, 1e-5, 100, 1000)
write("hidden", "08-min-equals-base", [0, 5, 10, 50, 200], 0.01, 0.01, 10, 100)
write("hidden", "09-full-decay-no-warmup", range(0, 101), 10.0, 0.0, 0, 100)
write("hidden", "10-nanogpt-like", [rng.randrange(0, 700_000) for _ in range(200)], 6e-4, 6e-5, 2000, 600_000)
write("hidden", "11-huge-counts", [0, 1, 10**9 - 1, 10**9, 5 * 10**8, 5 * 10**8 + 1, 10**9 + 7, 2 * 10**9],
      1e-3, 1e-6, 10**6, 10**9)
write("hidden", "12-duplicates", [5, 5, 5, 0, 0, 9, 9], 0.1, 0.0, 3, 9)
# Large: 5e4 steps.
write("hidden", "13-large", [rng.randrange(0, 120_000) for _ in range(50_000)], 3e-4, 3e-5, 5000, 100_000)
