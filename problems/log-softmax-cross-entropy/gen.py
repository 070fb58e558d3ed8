"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.{in,ans} and cases/hidden/*.{in,ans}; the expected
values come from the reference solution.
"""
import json
import os
import random
import shutil
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "reference"))
from solution import cross_entropy  # noqa: E402

rng = random.Random(77120)
IGN = -100


def write(group, name, logits, targets):
    logits = [[float(x) for x in row] for row in logits]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([logits, targets], separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(cross_entropy(logits, targets)) + "\n")


def random_batch(b, c, scale, ignore_frac=0.0, digits=6):
    logits = [[round(rng.gauss(0, scale), digits) for _ in range(c)] for _ in range(b)]
    targets = [IGN if rng.random() < ignore_frac else rng.randrange(c) for _ in range(b)]
    return logits, targets


if os.path.isdir(os.path.join(HERE, "cases")):
    shutil.rmtree(os.path.join(HERE, "cases"))

write("sample", "01-example", [[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]], [0, 1])
write("sample", "02-ignored-row", [[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]], [0, IGN])

write("hidden", "01-empty-batch", [], [])
write("hidden", "02-all-ignored", [[1.0, 2.0], [3.0, -1.0]], [IGN, IGN])
write("hidden", "03-single-class", [[5.0], [-1e4]], [0, 0])
write("hidden", "04-uniform", [[0.0] * 5, [-0.0] * 5], [3, 0])
write("hidden", "05-huge-positive", [[1e4, 1e4 - 1.0, 9990.0]], [1])
write("hidden", "06-huge-negative", [[-1e4, -1e4 + 2.0, -9999.5]], [0])
write("hidden", "07-target-underflows", [[1e4, -1e4, 0.0], [0.0, 900.0, 1.0]], [1, 0])
write("hidden", "08-confident-right", [[1e4, -1e4, -1e4], [-5.0, 9000.0, 3.0]], [0, 1])
write("hidden", "09-many-ignored-many-classes", *random_batch(40, 200, 3.0, ignore_frac=0.5))
write("hidden", "10-ignored-with-big-losses", [[1e4, -1e4], [0.0, 0.0], [-1e4, 1e4]], [1, IGN, IGN])
lg, tg = random_batch(30, 120, 1.0, ignore_frac=0.2)
tg[0] = IGN
write("hidden", "11-random-first-ignored", lg, tg)
lg, tg = random_batch(50, 50, 4000.0, ignore_frac=0.1, digits=3)
write("hidden", "12-wide-logits", [[max(-1e4, min(1e4, x)) for x in row] for row in lg], tg)
# Large: B*C = 2e5.
write("hidden", "13-large-many-rows", *random_batch(20_000, 10, 5.0, ignore_frac=0.3, digits=2))
write("hidden", "14-large-vocab", *random_batch(4, 25_000, 2.0, ignore_frac=0.0, digits=2))
lg, tg = random_batch(100, 1000, 3000.0, ignore_frac=0.25, digits=1)
write("hidden", "15-large-extreme", [[max(-1e4, min(1e4, x)) for x in row] for row in lg], tg)
