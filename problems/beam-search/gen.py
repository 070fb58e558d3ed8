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
from solution import beam_search  # noqa: E402

rng = random.Random(8086)
X = -math.inf


def enc(x):
    return x if math.isfinite(x) else {"$float": "-inf"}


def write(group, name, logp, bos, eos, beam_width, max_len, normalize):
    logp = [[float(x) for x in row] for row in logp]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([[[enc(x) for x in row] for row in logp], bos, eos, beam_width, max_len, normalize],
                           separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(beam_search(logp, bos, eos, beam_width, max_len, normalize)) + "\n")


def random_table(v, step=1 / 64, lo=-8.0, banned=0.0):
    """Entries are multiples of `step` (a multiple of 1/64) in [lo, 0]; some -inf."""
    units = int(round(-lo / step))
    t = [[X if rng.random() < banned else -rng.randint(0, units) * step for _ in range(v)] for _ in range(v)]
    for a in range(v if v > 1 else 0):
        t[a][a] = X  # no self-loops: sequences move around the vocabulary
    for row in t:
        if all(x == X for x in row):
            row[rng.randrange(v)] = -rng.randint(0, units) * step
    return t


if os.path.isdir(os.path.join(HERE, "cases")):
    shutil.rmtree(os.path.join(HERE, "cases"))

EX = [[-1.0, -0.5, -2.0], [-3.0, -3.0, -3.0], [-0.25, -0.25, -0.25]]
write("sample", "01-example", EX, 0, 2, 2, 3, False)
write("sample", "02-example-greedy", EX, 0, 2, 1, 3, False)
write("sample", "03-example-normalized", EX, 0, 2, 3, 4, True)

write("hidden", "01-beam-one", random_table(6), 0, 5, 1, 8, False)
# Greedy is a trap: the best first token leads into an expensive row.
write("hidden", "02-greedy-trap", [[X, -0.5, -1.0, X], [X, X, X, -6.0], [X, X, X, -0.25], [0.0, 0.0, 0.0, 0.0]],
      0, 3, 2, 6, False)
# Length handling: a short finished hypothesis vs a long cheap one.
LEN = [[-0.5, X, -2.0], [-1.0, -1.0, -1.0], [0.0, 0.0, 0.0]]
write("hidden", "03-length-raw", LEN, 0, 2, 3, 10, False)
write("hidden", "04-length-normalized", LEN, 0, 2, 3, 10, True)
write("hidden", "05-eos-only-choice", [[X, -1.0], [-1.0, -1.0]], 0, 1, 4, 5, True)
# A finished hypothesis (score -3) loses to one still live at max_len (-1.5).
write("hidden", "06-live-beats-finished", [[-0.5, X, -3.0], [-0.5, -0.5, X], [0.0, 0.0, 0.0]], 0, 2, 2, 3, False)
# Everything ties: the lexicographically smallest sequence.
write("hidden", "07-all-ties", [[-1.0] * 4 for _ in range(4)], 2, 3, 3, 5, False)
# Normalised tie between lengths: [2] (-1 / 1) and [0, 2] (-2 / 2): [0, 2] is smaller.
TIE = [[-5.0, X, -1.0, X], [0.0] * 4, [0.0] * 4, [-1.0, X, -1.0, X]]
write("hidden", "08-normalized-tie-lengths", TIE, 3, 2, 3, 2, True)
write("hidden", "08b-raw-shorter-wins", TIE, 3, 2, 3, 2, False)
write("hidden", "09-bos-is-eos", [[-1.0, -0.5, -2.0], [-0.75, -3.0, -0.25], [-1.0, -1.0, -1.0]], 0, 0, 2, 6, False)
# Finished hypotheses use up beam slots of their step.
# Finished hypotheses use up beam slots: [2] finishes at step 1 and pushes
# out [3], whose cheap loop would win under normalisation.
write("hidden", "10-eos-uses-slot", [[X, -1.0, -0.5, -1.5], [X, -5.0, -5.0, -5.0], [0.0] * 4, [X, X, -4.0, -1 / 64]],
      0, 2, 2, 10, True)
write("hidden", "11-random-small-ties", random_table(5, step=0.25, lo=-2.0), 1, 4, 3, 8, False)
write("hidden", "12-random-small-ties-norm", random_table(5, step=0.25, lo=-2.0), 1, 4, 3, 8, True)
write("hidden", "13-random-banned", random_table(12, banned=0.5), 3, 7, 4, 15, True)
write("hidden", "14-random-medium", random_table(30), 0, 29, 5, 20, False)
write("hidden", "15-random-medium-norm", random_table(30, step=0.5, lo=-6.0), 0, 29, 5, 20, True)
# Largest: V = 100, beam 10, 40 steps.
write("hidden", "16-large", random_table(100, lo=-50.0), 0, 99, 10, 40, True)
t = random_table(100, step=1.0, lo=-6.0)
write("hidden", "17-large-ties", t, 50, 0, 10, 40, False)
