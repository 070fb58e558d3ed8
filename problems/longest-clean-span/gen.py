"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.{in,ans} and cases/hidden/*.{in,ans}; the expected
values come from the reference solution.
"""
import json
import os
import random
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "reference"))
from solution import longest_clean_span  # noqa: E402

rng = random.Random(20261129)
ID_MAX = 2**31


def write(group, name, tokens, banned):
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([tokens, banned], separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(longest_clean_span(tokens, banned)) + "\n")


def distinct(n, exclude=()):
    out, seen = [], set(exclude)
    while len(out) < n:
        x = rng.randrange(ID_MAX)
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


write("sample", "01-example", [5, 1, 2, 7, 3, 9, 4], [7])
write("sample", "02-repeats", [1, 1, 2, 3, 1, 4, 4, 4, 4], [2, 3])
write("sample", "03-all-banned", [8, 8, 9], [9, 8])

write("hidden", "01-empty-tokens", [], [1, 2, 3])
write("hidden", "02-empty-banned", [4, 4, 2, 9, 0], [])
write("hidden", "03-both-empty", [], [])
write("hidden", "04-all-banned", [3, 1, 3, 2, 1], [1, 2, 3])
write("hidden", "05-none-banned", [10, 20, 30, 40], [11, 21, 31])
write("hidden", "06-best-at-start", [1, 2, 3, 4, 0, 5, 0, 6], [0])
write("hidden", "07-best-in-middle", [1, 0, 2, 3, 4, 5, 0, 6, 7], [0])
write("hidden", "08-best-at-end", [1, 0, 2, 0, 3, 4, 5, 6], [0])
write("hidden", "09-duplicate-banned", [7, 1, 7, 2, 2, 7, 3], [7, 7, 7, 2, 2])
write("hidden", "10-single-clean", [2**31 - 1], [0])
write("hidden", "11-single-banned", [0], [0])
toks = [rng.randrange(50) for _ in range(2000)]
write("hidden", "12-random-small-ids", toks, rng.sample(range(50), 5))
# Large: n = |banned| = 2e5, distinct ids; a few hundred tokens are banned so
# the answer is a real span. An O(n*m) scan does 4e10 comparisons.
n = 200_000
tokens = distinct(n)
cuts = sorted(rng.sample(range(n), 300))
banned = [tokens[i] for i in cuts] + distinct(n - len(cuts), exclude=tokens)
rng.shuffle(banned)
write("hidden", "13-large-distinct", tokens, banned)
# Large with the best span at the very end.
tokens = distinct(n)
cuts = sorted(rng.sample(range(n // 2), 400))
banned = distinct(n - len(cuts), exclude=tokens) + [tokens[i] for i in cuts]
write("hidden", "14-large-best-at-end", tokens, banned)
