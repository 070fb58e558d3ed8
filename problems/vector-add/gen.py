"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.in and cases/hidden/*.in: one JSON object per case with
the scalars and the input buffers (literal arrays for small cases, generator
objects that the judge materialises for large ones). There are no .ans files:
the judge runs reference/cpu.cpp on the same inputs for the expected output.
"""
import json
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def f32(x):
    """x rounded to float32 (written as the exact float64 of that float32)."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


def write(group, name, case):
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps(case) + "\n")


def uniform(lo, hi, seed):
    return {"gen": "uniform", "lo": lo, "hi": hi, "seed": seed}


if os.path.isdir(os.path.join(HERE, "cases")):
    shutil.rmtree(os.path.join(HERE, "cases"))

write("sample", "01-example", {"N": 4, "A": [1.0, 2.0, 3.0, 4.0], "B": [10.0, 20.0, 30.0, 40.0]})
write("sample", "02-n-one", {"N": 1, "A": [0.5], "B": [-2.25]})
write("sample", "03-fractions", {"N": 5, "A": [f32(0.1), f32(-0.7), 1e3, -1e3, 0.0],
                                 "B": [f32(0.2), f32(0.3), f32(1e-3), 999.5, -0.0]})

write("hidden", "01-n-one", {"N": 1, "A": [f32(3.3)], "B": [f32(-1.1)]})
write("hidden", "02-n-257", {"N": 257, "A": uniform(-1.0, 1.0, 1), "B": uniform(-1.0, 1.0, 2)})
write("hidden", "03-n-1000", {"N": 1000, "A": {"gen": "range"}, "B": {"gen": "fill", "value": -0.5}})
write("hidden", "04-n-65537", {"N": 65537, "A": {"gen": "normal", "mean": 0.0, "std": 100.0, "seed": 3},
                               "B": uniform(-1000.0, 1000.0, 4)})
write("hidden", "05-n-1000003", {"N": 1000003, "A": uniform(-1.0, 1.0, 5), "B": uniform(-1.0, 1.0, 6)})
# Large: 3 buffers of 16 MB.
write("hidden", "06-large-4000037", {"N": 4000037, "A": uniform(-1000.0, 1000.0, 7), "B": uniform(-1.0, 1.0, 8)})
