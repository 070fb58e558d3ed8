"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.{in,ans} and cases/hidden/*.{in,ans}; the expected
values come from the reference solution.
"""
import copy
import json
import os
import random
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "reference"))
from solution import grpo_advantages  # noqa: E402

rng = random.Random(20261209)


def write(group, name, rewards, g, eps):
    args = [[float(r) for r in rewards], int(g), float(eps)]
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps(args, separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(grpo_advantages(*copy.deepcopy(args)), separators=(",", ":")) + "\n")


def real_groups(k, g, lo, hi, digits=4):
    return [round(rng.uniform(lo, hi), digits) for _ in range(k * g)]


def binary_groups(k, g, p=0.4):
    return [float(rng.random() < p) for _ in range(k * g)]


write("sample", "01-example", [1, 0, 0, 1, 0.5, 0.5, 0.5, 0.5], 4, 1e-4)
write("sample", "02-real-rewards", [0.2, 0.9, -0.4, 1.7, 0.0, 0.3], 3, 1e-4)
write("sample", "03-pair", [3.0, 1.0], 2, 0.0)

write("hidden", "01-empty", [], 8, 1e-4)
write("hidden", "02-group-of-two", real_groups(6, 2, -1, 1), 2, 1e-4)
# Constant groups with eps = 0: the rule, not 0 / 0.
write("hidden", "03-constant-eps-zero", [1, 1, 1, 1, 0, 0, 0, 0, 0.1, 0.1, 0.1, 0.1, 2, 3, 5, 7], 4, 0.0)
write("hidden", "04-all-constant", [0.7] * 12 + [-2.5] * 12, 6, 1e-4)
write("hidden", "05-binary-verifiable", binary_groups(16, 8), 8, 1e-4)
write("hidden", "06-one-correct-of-many", ([0.0] * 15 + [1.0]) * 3 + [1.0] * 16, 16, 1e-4)
# Groups with very different scales: per-group normalisation matters.
write("hidden", "07-different-scales",
      real_groups(1, 5, 0, 1) + real_groups(1, 5, 100, 200) + real_groups(1, 5, -1e4, -9e3) + real_groups(1, 5, -1e-2, 1e-2, 6),
      5, 1e-4)
# Large common offset: sum r^2 - G mean^2 cancels.
write("hidden", "08-offset-1e6", [9.99e5 + r for r in real_groups(8, 16, -3, 3, 6)], 16, 1e-4)
write("hidden", "09-offset-mixed", [-9.99e5 + r for r in real_groups(4, 8, -10, 10, 3)]
      + [5e5 + r for r in real_groups(4, 8, -2, 2, 6)], 8, 0.0)
write("hidden", "10-large-eps", real_groups(5, 4, -1e-2, 1e-2, 6), 4, 1e-2)
write("hidden", "11-max-group", real_groups(2, 256, -5, 5), 256, 1e-4)
write("hidden", "12-extremes", [1e6, -1e6, 1e6, -1e6, 1e6, 1e6, 1e6, 1e6 - 4], 4, 0.0)
# Large: 4e4 rewards in groups of 16, some constant.
rewards = []
for _ in range(2500):
    kind = rng.random()
    if kind < 0.2:
        rewards += [float(rng.randrange(2))] * 16
    elif kind < 0.6:
        rewards += binary_groups(1, 16, rng.random())
    else:
        rewards += real_groups(1, 16, -3, 3, 3)
write("hidden", "13-large", rewards, 16, 1e-4)
