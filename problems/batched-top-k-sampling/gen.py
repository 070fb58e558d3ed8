"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.in and cases/hidden/*.in: one JSON object per case with
batch, vocab, temperature and the buffers logits, top_k and u (literal arrays,
or generator objects that the judge materialises for the large cases). There
are no .ans files: the judge runs reference/cpu.cpp on the same inputs.

Robust draws: the answer must not depend on float32 rounding or summation
order. For every row, with the float64 weights w_j = exp((l_j - m) / T) of
the float32 logits in the kept order and the boundaries b_j = C_j / W
(j = 1..k, b_k = 1), u is rejected when |u - b_j| <= 1e-3 * b_j for some j.
Hand-written u values are checked the same way (an error if one is not
robust). Generator-made logits are only used where the answer needs no
boundary: k = 1 (the answer is the arg max) or u = 0 (the first kept token),
and constant rows whose boundaries are j / k exactly.
"""
import json
import math
import os
import random
import shutil
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(5150)
MARGIN = 1e-3
ANSWERS = {}  # expected tokens, printed with --answers (for checking cpu.cpp; not a case file)


def f32(x):
    """x rounded to float32 (its exact value as a float64)."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


def short(x):
    """The shortest decimal whose nearest float32 is the float32 x (keeps files small)."""
    for p in range(1, 10):
        d = float("%.*g" % (p, x))
        if f32(d) == x:
            return d
    return x


def kept_weights(row, k, t):
    n = len(row)
    kk = n if k <= 0 or k > n else k
    kept = sorted(range(n), key=lambda i: (-row[i], i))[:kk]
    top = row[kept[0]]
    return kept, [math.exp((row[i] - top) / t) for i in kept]


def boundaries(row, k, t):
    kept, w = kept_weights(row, k, t)
    total = math.fsum(w)
    out, c = [], 0.0
    for x in w:
        c += x
        out.append(c / total)
    out[-1] = 1.0
    return kept, w, out


def robust(row, k, t, u):
    return all(abs(u - b) > MARGIN * b for b in boundaries(row, k, t)[2])


def answer(row, k, t, u):
    kept, w, bs = boundaries(row, k, t)
    for idx, b in zip(kept, bs):
        if b > u:
            return idx
    raise AssertionError("no token: u >= 1")


def robust_u(row, k, t, lo=0.0, hi=1.0):
    for _ in range(10000):
        u = f32(rng.uniform(lo, hi))
        if u < 1.0 and robust(row, k, t, u):
            return u
    raise RuntimeError("no robust u found")


def write(group, name, case):
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps(case) + "\n")


def literal(group, name, rows, ks, t, us=None):
    """rows: lists of logits (rounded to float32 here); us: None entries are drawn."""
    t = f32(t)
    rows = [[f32(x) for x in r] for r in rows]
    vocab = len(rows[0])
    assert all(len(r) == vocab for r in rows)
    us = us or [None] * len(rows)
    out_u = []
    for r, k, u in zip(rows, ks, us):
        if u is None:
            u = robust_u(r, k, t)
        u = f32(u)
        if not robust(r, k, t, u):
            raise ValueError(f"{name}: u = {u} is within 1e-3 of a boundary")
        out_u.append(u)
    write(group, name, {"batch": len(rows), "vocab": vocab, "temperature": short(t),
                        "logits": [short(x) for r in rows for x in r], "top_k": list(ks),
                        "u": [short(u) for u in out_u]})
    ANSWERS[group + "/" + name] = [answer(r, k, t, u) for r, k, u in zip(rows, ks, out_u)]


if os.path.isdir(os.path.join(HERE, "cases")):
    shutil.rmtree(os.path.join(HERE, "cases"))

literal("sample", "01-example", [[1.0, 3.0, 2.0], [1.0, 3.0, 2.0]], [2, 2], 1.0, [0.5, 0.8])
literal("sample", "02-two-rows", [[1.0, 3.0, 2.0], [0.5, 0.25, 2.0]], [2, 0], 1.0, [0.8, 0.95])
literal("sample", "03-huge-logits-cold", [[1e4, -1e4, 9999.999, 1e4 - 0.002, -9999.0],
                                          [-1e4, 1e4, 1e4, 5e3, -9999.0]], [3, 0], 1e-3, [0.5, 0.75])

literal("hidden", "01-vocab-one", [[-7.5], [3.0], [0.0]], [5, 0, 1], 0.3, [0.999 * 0.99, 0.0, 0.5])
# k clamps: 0, negative, above vocab, equal to vocab, one.
lg = [0.1, 0.9, 0.3, 0.7]
literal("hidden", "02-k-clamps", [lg] * 6, [0, -3, 10, 4, 1, 2], 1.0, [0.6, 0.99 * 0.99, 0.9, 0.75, 0.97, 0.3])
# Ties at the cut (smaller indices kept), 0.0 == -0.0.
literal("hidden", "03-tie-at-cut", [[1.0, 2.0, 1.0, 1.0, 0.5], [3.0, 1.0, 3.0, 1.0, 0.0],
                                    [-0.0, 0.0, -1.0, 0.0, -0.0], [2.0, 1.0, 1.0, 1.0, 1.0]],
        [2, 3, 3, 3], 1.0, [0.9, 0.99 * 0.99, 0.7, 0.95])
literal("hidden", "04-cold-max-in-middle", [[-1e4, 9999.9995, 1e4, 9999.999, -5000.0],
                                            [-1e4 + 0.0007, -1e4, -1e4 + 0.0012, -9999.0, -1e4]],
        [0, 3], 1e-3, [0.6, 0.4])
literal("hidden", "05-hot", [[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]] * 3, [0, 4, 6], 100.0, [0.5, None, None])
literal("hidden", "06-zero-weight-tail", [[0.0, -2.0, -1e4, -1e4], [-1e4, 0.0, -1.93, -0.6]], [0, 0], 1.0,
        [0.998, 0.995])
literal("hidden", "07-u-zero", [[0.2, 0.4, 0.1, 0.3], [5.0, 5.0, 1.0, 0.0]], [3, 0], 1.0, [0.0, 0.0])
rows = [[round(rng.gauss(0, 2), 3) for _ in range(1000)] for _ in range(37)]
literal("hidden", "08-random-37x1000", rows, [rng.choice([0, 1, 2, 50, 999, 1000, 1200, -5, rng.randint(3, 900)])
                                              for _ in rows], 0.8)
rows = [[round(rng.uniform(-5, 5), 1) for _ in range(200)] for _ in range(16)]
literal("hidden", "09-many-ties-16x200", rows, [rng.randint(-2, 220) for _ in rows], 0.5)
rows = [[round(rng.gauss(0, 3), 3) for _ in range(8191)] for _ in range(16)]
literal("hidden", "10-medium-16x8191", rows, [rng.choice([0, 1, 40, 1000, 8191, rng.randint(2, 8190)])
                                              for _ in rows], 1.0)

# Large, generated logits: the answers need no boundary.
# k = 1 in every row: the arg max (smallest index among equal maxima), any u.
write("hidden", "11-large-k-one-64x128000", {
    "batch": 64, "vocab": 128000, "temperature": 0.7,
    "logits": {"gen": "uniform", "lo": -1e4, "hi": 1e4, "seed": 51},
    "top_k": {"gen": "fill", "value": 1}, "u": {"gen": "uniform", "lo": 0.0, "hi": 0.999, "seed": 52}})
# Every token kept (k = 0) and u = 0: the first kept token, i.e. the arg max.
write("hidden", "12-large-all-kept-u-zero-32x128257", {
    "batch": 32, "vocab": 128257, "temperature": 1.0,
    "logits": {"gen": "normal", "mean": 0.0, "std": 3.0, "seed": 53},
    "top_k": {"gen": "fill", "value": 0}, "u": {"gen": "fill", "value": 0.0}})
# Constant rows: every weight is 1, the kept tokens are indices 0..k-1 (ties at
# the cut keep the smallest indices) and boundary j is exactly j / k; u sits in
# the middle of token j's interval, (j + 0.5) / k, with j small enough that it
# is more than 1e-3 * j / k from both ends: the answer is j.
ks = [0, 1000, 7, 999983, 1, 65536, 3, 500000]
vocab = 1000003
us, expect = [], []
for k in ks:
    kk = vocab if k <= 0 or k > vocab else k
    j = rng.randint(0, min(kk - 1, 300))
    u = f32((j + 0.5) / kk)
    assert abs(u - j / kk) > MARGIN * j / kk and abs(u - (j + 1) / kk) > MARGIN * (j + 1) / kk
    us.append(u)
    expect.append(j)
write("hidden", "13-constant-rows-8x1000003", {
    "batch": len(ks), "vocab": vocab, "temperature": 0.5,
    "logits": {"gen": "fill", "value": 2.5}, "top_k": ks, "u": [short(u) for u in us]})
ANSWERS["hidden/13-constant-rows-8x1000003"] = expect

if "--answers" in sys.argv:
    print(json.dumps(ANSWERS))
