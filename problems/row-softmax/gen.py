"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.in and cases/hidden/*.in: one JSON object per case with
rows, cols and the input buffer (a literal array for small cases, a generator
object that the judge materialises for large ones). There are no .ans files:
the judge runs reference/cpu.cpp on the same inputs for the expected output.
"""
import json
import os
import random
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(2026)


def write(group, name, case):
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps(case) + "\n")


def uniform(lo, hi, seed):
    return {"gen": "uniform", "lo": lo, "hi": hi, "seed": seed}


def normal(std, seed, mean=0.0):
    return {"gen": "normal", "mean": mean, "std": std, "seed": seed}


if os.path.isdir(os.path.join(HERE, "cases")):
    shutil.rmtree(os.path.join(HERE, "cases"))

write("sample", "01-example", {"rows": 2, "cols": 3, "input": [1.0, 2.0, 3.0, 1.0, 1.0, 1.0]})
write("sample", "02-one-by-one", {"rows": 1, "cols": 1, "input": [5.0]})
# Naive exp overflows on the first row (inf / inf) and underflows on the second (0 / 0).
write("sample", "03-large-logits", {"rows": 2, "cols": 3, "input": [1e4, 9999.0, -1e4, -1e4, -1e4, -9998.0]})

write("hidden", "01-one-by-one", {"rows": 1, "cols": 1, "input": [-1e4]})
write("hidden", "02-one-row-257", {"rows": 1, "cols": 257, "input": normal(2.0, 21)})
# Small literal matrix: rows far apart in level (1e4 above / below each other), ties.
rows, cols = 7, 33
x = []
for r in range(rows):
    level = [0.0, 1e4, -1e4, 5000.0, -9990.0, 0.0, 9999.5][r]
    x += [min(1e4, max(-1e4, round(level + rng.uniform(-8, 8), 3))) for _ in range(cols)]
x[5 * cols: 6 * cols] = [2.5] * cols  # a constant row: all 1/33
write("hidden", "03-levels-7x33", {"rows": rows, "cols": cols, "input": x})
write("hidden", "04-257x33", {"rows": 257, "cols": 33, "input": uniform(-5.0, 5.0, 22)})
write("hidden", "05-column-4097x1", {"rows": 4097, "cols": 1, "input": normal(100.0, 23)})
write("hidden", "06-one-row-1000003", {"rows": 1, "cols": 1000003, "input": normal(1.0, 24)})
write("hidden", "07-huge-range-1000x1000", {"rows": 1000, "cols": 1000, "input": uniform(-1e4, 1e4, 25)})
write("hidden", "08-fill-1e4-64x4097", {"rows": 64, "cols": 4097, "input": {"gen": "fill", "value": 1e4}})
write("hidden", "09-fill-minus-1e4-3x100003", {"rows": 3, "cols": 100003, "input": {"gen": "fill", "value": -1e4}})
# Large: 2048 x 4097 (33.6 MB in, 33.6 MB out).
write("hidden", "10-large-2048x4097", {"rows": 2048, "cols": 4097, "input": normal(3.0, 26)})
