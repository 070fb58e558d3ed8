"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.in and cases/hidden/*.in: one JSON object per case with
M, N, K and the buffers A and B (literal arrays for small cases, generator
objects that the judge materialises for large ones). There are no .ans files:
the judge runs reference/cpu.cpp on the same inputs for the expected output.
"""
import json
import os
import random
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(4242)


def write(group, name, case):
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps(case) + "\n")


def uniform(lo, hi, seed):
    return {"gen": "uniform", "lo": lo, "hi": hi, "seed": seed}


def mm(name, m, n, k, seed, group="hidden", lo=-1.0, hi=1.0):
    write(group, name, {"M": m, "N": n, "K": k, "A": uniform(lo, hi, seed), "B": uniform(lo, hi, seed + 1)})


if os.path.isdir(os.path.join(HERE, "cases")):
    shutil.rmtree(os.path.join(HERE, "cases"))

write("sample", "01-one-by-one", {"M": 1, "N": 1, "K": 1, "A": [2.0], "B": [3.0]})
write("sample", "02-example", {"M": 2, "N": 2, "K": 3, "A": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
                               "B": [7.0, 8.0, 9.0, 10.0, 11.0, 12.0]})
write("sample", "03-wide", {"M": 2, "N": 5, "K": 3, "A": [1.0, 0.0, -1.0, 0.5, 2.0, 0.25],
                            "B": [float(v) for v in range(1, 16)]})

write("hidden", "01-one-by-one", {"M": 1, "N": 1, "K": 1, "A": [-1.5], "B": [4.0]})
# Small integers in a literal 5 x 3 times 3 x 7: exact in any order.
write("hidden", "02-integers-5x7x3", {"M": 5, "N": 7, "K": 3,
                                      "A": [float(rng.randint(-9, 9)) for _ in range(15)],
                                      "B": [float(rng.randint(-9, 9)) for _ in range(21)]})
mm("03-dot-k-1000", 1, 1, 1000, 31, lo=0.0, hi=1.0)
mm("04-matvec-257x1x33", 257, 1, 33, 33)
mm("05-row-1x257x17", 1, 257, 17, 35)
mm("06-outer-100x100x1", 100, 100, 1, 37, lo=1.0, hi=10.0)
mm("07-33x65x17", 33, 65, 17, 39)
mm("08-1000x513x127", 1000, 513, 127, 41, lo=-10.0, hi=10.0)
mm("09-k-1024-64x48x1024", 64, 48, 1024, 43)
# Large: 777 x 640 x 511 (A 1.6 MB, B 1.3 MB, C 2 MB; 2.5e8 multiply-adds for the CPU reference).
mm("10-large-777x640x511", 777, 640, 511, 45)
