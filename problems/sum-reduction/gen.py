"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.in and cases/hidden/*.in: one JSON object per case with
N and the input buffer (a literal array for small cases, a generator object
that the judge materialises for large ones). There are no .ans files: the
judge runs reference/cpu.cpp on the same inputs for the expected output.
Every case has a positive mean (S >= 0.8 * sum|x|, S >= 0.5): the statement's
tolerance relies on it.
"""
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))


def write(group, name, case):
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps(case) + "\n")


def uniform(lo, hi, seed):
    return {"gen": "uniform", "lo": lo, "hi": hi, "seed": seed}


if os.path.isdir(os.path.join(HERE, "cases")):
    shutil.rmtree(os.path.join(HERE, "cases"))

write("sample", "01-example", {"N": 4, "input": [1.0, 2.0, 3.0, 4.0]})
write("sample", "02-n-one", {"N": 1, "input": [2.5]})

write("hidden", "01-n-one", {"N": 1, "input": [0.75]})
write("hidden", "02-mixed-signs", {"N": 6, "input": [3.0, -0.5, 5.0, -0.25, 0.5, 0.25]})
write("hidden", "03-n-257", {"N": 257, "input": uniform(0.0, 1.0, 11)})
# Integers 0..999: every partial sum is exact in float32, in any order.
write("hidden", "04-range-1000", {"N": 1000, "input": {"gen": "range"}})
write("hidden", "05-normal-65537", {"N": 65537, "input": {"gen": "normal", "mean": 1.0, "std": 1.0, "seed": 12}})
# Mixed signs, mean 1.5: S / sum|x| = 1.5 / 1.7 = 0.88.
write("hidden", "06-n-1000003", {"N": 1000003, "input": uniform(-1.0, 4.0, 13)})
# 10^7 + 19 copies of 0.1 (40 MB): a single running float32 sum drifts ~9%.
write("hidden", "07-fill-0.1-10000019", {"N": 10000019, "input": {"gen": "fill", "value": 0.1}})
# Large: 2^23 + 1 values (32 MB).
write("hidden", "08-large-8388609", {"N": 8388609, "input": uniform(0.0, 2.0, 14)})
