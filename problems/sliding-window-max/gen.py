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
from solution import max_sliding_window  # noqa: E402

rng = random.Random(20261206)
BIG = 10**18


def write(group, name, nums, k):
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([nums, k], separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(max_sliding_window(nums, k), separators=(",", ":")) + "\n")


write("sample", "01-example", [1, 3, -1, -3, 5, 3, 6, 7], 3)
write("sample", "02-k-one", [4, -2, 7], 1)

write("hidden", "01-single", [-5], 1)
write("hidden", "02-k-equals-n", [3, 9, -1, 9, 2], 5)
write("hidden", "03-increasing", list(range(10)), 4)
write("hidden", "04-decreasing", list(range(10, 0, -1)), 4)
write("hidden", "05-all-equal", [7] * 8, 3)
write("hidden", "06-duplicates-leave", [5, 5, 1, 1, 1, 5, 2, 2], 2)
write("hidden", "07-max-leaves-next-step", [9, 1, 2, 3, 0, 8, 0, 0], 3)
write("hidden", "08-extremes", [-BIG, -BIG, BIG, -BIG, -BIG, -BIG], 2)
write("hidden", "09-all-very-negative", [-BIG + i for i in range(6)] + [-BIG], 3)
write("hidden", "10-last-window-differs", [1, 2, 3, 4, 100], 2)
write("hidden", "11-random-small-values", [rng.randrange(-3, 4) for _ in range(500)], 7)
write("hidden", "12-random-wide", [rng.randrange(-BIG, BIG + 1) for _ in range(2000)], 50)
# Large: n = 2e5, k = 1e5; an O(n*k) rescan does 1e10 steps.
n = 200_000
write("hidden", "13-large-random", [rng.randrange(100_000) for _ in range(n)], 100_000)
m = 60_000
write("hidden", "14-large-decreasing", [m - i for i in range(m)], m // 2)
