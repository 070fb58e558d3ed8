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
from solution import greedy_decode  # noqa: E402

rng = random.Random(4242)
NEG_INF = -math.inf


def enc(x):
    return x if math.isfinite(x) else {"$float": "inf" if x > 0 else "-inf"}


def write(group, name, scores, bos, eos, max_len):
    scores = [[float(x) for x in row] for row in scores]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([[[enc(x) for x in row] for row in scores], bos, eos, max_len], separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(greedy_decode(scores, bos, eos, max_len), separators=(",", ":")) + "\n")


def random_table(v, digits=1, lo=-10, hi=10):
    return [[round(rng.uniform(lo, hi), digits) for _ in range(v)] for _ in range(v)]


if os.path.isdir(os.path.join(HERE, "cases")):
    shutil.rmtree(os.path.join(HERE, "cases"))

EXAMPLE = [[0, 5, 1, 0], [0, 0, 3, 3], [9, 0, 0, 1], [1, 1, 1, 1]]
write("sample", "01-example-max-len", EXAMPLE, 0, 3, 10)
ex2 = [row[:] for row in EXAMPLE]
ex2[2][3] = 10
write("sample", "02-example-eos", ex2, 0, 3, 10)

write("hidden", "01-max-len-zero", EXAMPLE, 0, 3, 0)
write("hidden", "02-max-len-one", ex2, 0, 3, 1)
write("hidden", "03-eos-first-step", [[0.0, 2.0], [1.0, 0.0]], 0, 1, 5)
write("hidden", "04-bos-is-eos", [[0.0, 2.0, 1.0], [0.0, 0.0, 3.0], [5.0, 0.0, 0.0]], 0, 0, 7)
write("hidden", "05-eos-at-max-len", ex2, 0, 3, 3)
write("hidden", "06-single-token-vocab", [[-4.5]], 0, 0, 4)
write("hidden", "07-single-token-not-eos", [[1.0, 0.0], [1.0, 0.0]], 0, 1, 6)
# Ties everywhere: smallest id.
write("hidden", "08-all-ties", [[1.0] * 5 for _ in range(5)], 3, 4, 6)
write("hidden", "09-signed-zero-ties", [[-0.0, 0.0, -1.0], [0.0, -0.0, -0.0], [-5.0, -0.0, 0.0]], 2, 2, 5)
# All-negative rows, huge magnitudes and banned transitions.
write("hidden", "10-all-negative", [[-3.0, -1.0, -2.0], [-1e300, -5e299, -7e299], [-0.5, -0.25, -1e-300]], 0, 2, 8)
write("hidden", "11-banned-transitions", [[NEG_INF, -7.0, NEG_INF, -9.0], [NEG_INF, NEG_INF, 1e300, NEG_INF],
                                          [-2.0, NEG_INF, NEG_INF, -2.0], [0.0, 0.0, 0.0, 0.0]], 0, 3, 9)
write("hidden", "12-huge-scores", [[1e300, 9.9e299, -1e300], [1e300, 1e300, 1e300], [-1e300, -1e300, 5.0]], 2, 1, 4)
# Random tables with ties from one decimal digit.
t = random_table(8)
for a in range(8):
    t[a][a] = -10.0  # no self-loops win
write("hidden", "13-random-small", t, 0, 5, 50)
t = random_table(60, digits=0, lo=-5, hi=5)
write("hidden", "14-random-ties", t, 7, 11, 200)
# Large: V = 300, eos unreachable, max_len = 1e5 (a long cycle).
t = random_table(300, digits=2, lo=-100, hi=100)
for row in t:
    row[17] = NEG_INF
write("hidden", "15-large-no-eos", t, 0, 17, 100_000)
# Large: a planted path visiting every token once before eos, then max_len cuts nothing.
v = 300
perm = list(range(v))
rng.shuffle(perm)
t = [[round(rng.uniform(-50, 0), 1) for _ in range(v)] for _ in range(v)]
for a, b in zip(perm, perm[1:]):
    t[a][b] = 0.5  # ties with nothing: every other score is <= 0
write("hidden", "16-large-long-path-to-eos", t, perm[0], perm[-1], 100_000)
# Large, all negative rows with many exact ties.
t = [[-float(rng.randint(1, 3)) for _ in range(v)] for _ in range(v)]
for a in range(v):
    t[a][a] = -3.0  # no self-loops win
write("hidden", "17-large-negative-ties", t, 5, 299, 100_000)
