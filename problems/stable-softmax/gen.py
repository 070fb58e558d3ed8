"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.{in,ans} and cases/hidden/*.{in,ans}; the expected
values come from the reference solution.
"""
import json
import math
import os
import random
import shutil
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "reference"))
from solution import softmax  # noqa: E402

rng = random.Random(20261202)
NEG_INF = -math.inf


def enc(x):
    if math.isfinite(x):
        return x
    return {"$float": "nan" if x != x else ("inf" if x > 0 else "-inf")}


def write(group, name, logits):
    logits = [float(x) for x in logits]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([[enc(x) for x in logits]]) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps([enc(x) for x in softmax(logits)]) + "\n")


if os.path.isdir(os.path.join(HERE, "cases")):
    shutil.rmtree(os.path.join(HERE, "cases"))

write("sample", "01-example", [1.0, 2.0, 3.0])
write("sample", "02-huge-equal", [1e4, 1e4])
write("sample", "03-masked", [0.0, NEG_INF])

write("hidden", "01-empty", [])
write("hidden", "02-single", [3.5])
write("hidden", "03-single-huge-negative", [-1e4])
write("hidden", "04-all-equal", [0.25] * 7)
write("hidden", "05-huge-positive", [1e4, 9999.0, 9998.5, 1e4 - 1e-3])
write("hidden", "06-huge-negative", [-1e4, -9999.0, -9998.5, -1e4 + 1e-3])
write("hidden", "07-mixed-extremes", [1e4, -1e4, 0.0, 9990.0, -0.0])
write("hidden", "08-masked-mixed", [NEG_INF, -3.0, NEG_INF, 2.0, 1e4 - 5.0, NEG_INF])
write("hidden", "09-one-finite-among-masked", [NEG_INF, NEG_INF, -1e4, NEG_INF])
write("hidden", "10-signed-zeros", [0.0, -0.0, 0.0, -0.0])
write("hidden", "11-near-underflow", [0.0, -700.0, -740.0, -745.0, -800.0])
write("hidden", "12-small-spread", [1.0 + i * 1e-9 for i in range(10)])
write("hidden", "13-random-small", [rng.uniform(-10, 10) for _ in range(50)])
write("hidden", "14-random-wide", [rng.uniform(-1e4, 1e4) for _ in range(300)])
write("hidden", "15-large-near-max", [round(1e4 - rng.expovariate(1.0), 6) for _ in range(20_000)])
write("hidden", "16-large-negative", [round(-1e4 + rng.uniform(0, 8), 6) for _ in range(20_000)])
lg = [round(rng.gauss(0, 2), 6) for _ in range(30_000)]
for i in rng.sample(range(len(lg)), 3000):
    lg[i] = NEG_INF
write("hidden", "17-large-masked", lg)
