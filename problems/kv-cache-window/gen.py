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
from solution import kv_cache_window  # noqa: E402

rng = random.Random(20261204)


def write(group, name, ids, window, sinks):
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([ids, window, sinks], separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(kv_cache_window(ids, window, sinks), separators=(",", ":")) + "\n")


write("sample", "01-example", [7, 8, 9, 7, 5, 6], 2, 1)
write("sample", "02-no-sinks", [1, 2, 3, 4, 5], 3, 0)
write("sample", "03-window-zero", [4, 4, 2, 9], 0, 2)

write("hidden", "01-empty", [], 3, 2)
write("hidden", "02-empty-zero", [], 0, 0)
write("hidden", "03-single", [2**31 - 1], 1, 0)
write("hidden", "04-all-evicted", [5, 6, 7], 0, 0)
write("hidden", "05-sinks-exceed-n", [1, 2, 3], 5, 10)
write("hidden", "06-fits", [3, 1, 4, 1, 5], 5, 0)
write("hidden", "07-exactly-full", [3, 1, 4, 1, 5, 9], 4, 2)
write("hidden", "08-repeated-ids", [1, 1, 1, 2, 1, 1, 2, 2, 1], 3, 1)
write("hidden", "09-same-id-everywhere", [0] * 10, 4, 3)
write("hidden", "10-window-one", [10, 20, 30, 40, 50], 1, 2)
write("hidden", "11-sink-id-reused", [9, 9, 8, 9, 7, 9, 6], 2, 2)
ids = [rng.randrange(20) for _ in range(3000)]
write("hidden", "12-random-small-vocab", ids, 37, 4)
ids = [rng.randrange(2**31) for _ in range(2000)]
write("hidden", "13-random-wide-ids", ids, 500, 0)
# Large: 2e5 appends, window 1e5 (1e5 evictions); slicing copies ~1e10 ids.
n = 200_000
ids = [rng.randrange(1000) for _ in range(n)]
write("hidden", "14-large", ids, 100_000, 4)
ids = [rng.randrange(50) for _ in range(n // 2)]
write("hidden", "15-large-small-window", ids, 3, 0)
