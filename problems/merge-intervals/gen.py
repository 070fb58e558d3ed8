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
from solution import merge_intervals  # noqa: E402

rng = random.Random(20261209)
BIG = 10**18


def write(group, name, intervals):
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([intervals], separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(merge_intervals(intervals), separators=(",", ":")) + "\n")


def random_intervals(n, lo, hi, maxlen):
    out = []
    for _ in range(n):
        a = rng.randint(lo, hi)
        out.append([a, min(hi, a + rng.randint(0, maxlen))])
    return out


write("sample", "01-example", [[8, 10], [1, 3], [2, 6], [15, 18], [10, 12]])
write("sample", "02-touching", [[1, 2], [2, 3], [4, 5]])

write("hidden", "01-empty", [])
write("hidden", "02-single", [[5, 7]])
write("hidden", "03-single-point", [[3, 3], [3, 3], [4, 4]])
write("hidden", "04-touch-chain", [[5, 6], [1, 2], [4, 5], [2, 3]])
write("hidden", "05-gap-of-one", [[1, 2], [3, 4], [6, 6], [7, 9]])
write("hidden", "06-nested", [[1, 10], [2, 3], [4, 5], [11, 12]])
write("hidden", "07-contains-next", [[0, 100], [10, 20], [30, 40], [101, 102]])
write("hidden", "08-reverse-order", [[9, 10], [7, 8], [5, 6], [3, 4], [1, 2]])
write("hidden", "09-duplicates", [[2, 4], [2, 4], [1, 1], [2, 4]])
write("hidden", "10-extremes", [[-BIG, -BIG], [-BIG, 0], [1, BIG], [BIG, BIG], [0, 0]])
write("hidden", "11-negative", [[-5, -3], [-3, -1], [-10, -8], [0, 0]])
write("hidden", "12-same-start", [[1, 5], [1, 2], [1, 9], [1, 1]])
write("hidden", "13-random-small", random_intervals(500, 0, 2000, 10))
write("hidden", "14-random-wide", random_intervals(2000, -BIG, BIG - 10**16, 10**15))
# Large: 6e4 intervals in random order, mostly disjoint (about 4e4 merged
# intervals): a rescanning insert does ~1e9 comparisons.
write("hidden", "15-large-sparse", random_intervals(60_000, 0, 999_999, 6))
# Large: everything merges into a few long intervals.
write("hidden", "16-large-dense", random_intervals(40_000, 0, 400_000, 40))
