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
from solution import lru_cache  # noqa: E402

rng = random.Random(20261207)


def write(group, name, seq, capacity):
    ops = [s[0] for s in seq]
    args = [list(s[1:]) for s in seq]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([ops, args, capacity], separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(lru_cache(ops, args, capacity), separators=(",", ":")) + "\n")


def G(k):
    return ("get", k)


def P(k, v):
    return ("put", k, v)


def random_ops(n, keys, vmax, p_get=0.5):
    return [G(rng.randrange(keys)) if rng.random() < p_get else P(rng.randrange(keys), rng.randrange(vmax)) for _ in range(n)]


write("sample", "01-example", [P(1, 1), P(2, 2), G(1), P(3, 3), G(2), P(4, 4), G(1), G(3), G(4)], 2)
write("sample", "02-update", [P(1, 10), P(1, 20), G(1), G(2)], 1)

write("hidden", "01-no-ops", [], 3)
write("hidden", "02-capacity-zero", [P(1, 1), G(1), P(2, 5), G(2)], 0)
write("hidden", "03-capacity-one", [P(1, 1), P(2, 2), G(1), G(2), P(2, 3), G(2)], 1)
write("hidden", "04-put-refreshes", [P(1, 1), P(2, 2), P(1, 10), P(3, 3), G(1), G(2), G(3)], 2)
write("hidden", "05-get-refreshes", [P(1, 1), P(2, 2), G(1), P(3, 3), G(1), G(2), G(3)], 2)
write("hidden", "06-update-when-full", [P(1, 1), P(2, 2), P(3, 3), P(2, 20), G(1), G(2), G(3)], 3)
write("hidden", "07-miss-no-refresh", [P(1, 1), P(2, 2), G(9), P(3, 3), G(1), G(2), G(3)], 2)
write("hidden", "08-value-zero-and-max", [P(0, 0), P(10**9, 10**9), G(0), G(10**9)], 2)
write("hidden", "09-only-gets", [G(i) for i in range(5)], 4)
write("hidden", "10-random-small", random_ops(2000, 12, 100), 5)
write("hidden", "11-random-puts-heavy", random_ops(3000, 40, 10**9, p_get=0.3), 17)
# Large: 1e5 operations, capacity 3e4 over 4e4 keys: a list-based recency
# order does ~1e9 comparisons and shifts.
n, keys, cap = 100_000, 40_000, 30_000
seq = [P(k, rng.randrange(100)) for k in range(cap)]
seq += random_ops(n - cap, keys, 100, p_get=0.6)
write("hidden", "12-large", seq, cap)
