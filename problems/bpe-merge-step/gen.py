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
from solution import merge_pair  # noqa: E402

rng = random.Random(20261202)


def write(group, name, tokens, left, right):
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([tokens, left, right], separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(merge_pair(tokens, left, right), separators=(",", ":")) + "\n")


write("sample", "01-example", list("lowerlow"), "l", "o")
write("sample", "02-overlap", ["a", "a", "a"], "a", "a")
write("sample", "03-boundary", ["ab", "c", "ba", "b"], "a", "bc")

write("hidden", "01-empty", [], "a", "b")
write("hidden", "02-single", ["a"], "a", "a")
write("hidden", "03-no-match", ["x", "y", "z"], "y", "x")
write("hidden", "04-four-a", ["a", "a", "a", "a"], "a", "a")
write("hidden", "05-five-a", ["a"] * 5, "a", "a")
write("hidden", "06-suffix-prefix", ["ba", "b", "a", "bb", "a", "b"], "a", "b")
write("hidden", "07-merged-tokens", ["ab", "ab", "ab", "c", "ab", "ab"], "ab", "ab")
write("hidden", "08-at-end", ["q", "r", "s", "t", "u"], "t", "u")
write("hidden", "09-whole", ["he", "llo"], "he", "llo")
write("hidden", "10-long-tokens", ["abcdefgh", "hgfedcba", "abcdefgh", "abcdefgh", "hgfedcba"], "abcdefgh", "hgfedcba")
write("hidden", "11-reverse-not", ["b", "a", "b", "a"], "a", "b")
toks = [rng.choice("ab") for _ in range(3000)]
write("hidden", "12-random-ab", toks, "a", "b")
toks = [rng.choice(["a", "a", "a", "b"]) for _ in range(3000)]
write("hidden", "13-random-runs", toks, "a", "a")
# Large: 2e5 tokens, every other position starts a match (1e5 merges); a
# list rebuilt by slicing at every merge copies ~1e10 pointers.
n = 200_000
write("hidden", "14-large-pairs", ["lo", "w"] * (n // 2), "lo", "w")
# Large: long runs of one token with left == right (odd and even runs).
toks = []
while len(toks) < n // 2:
    toks += ["e"] * rng.randint(1, 9) + ["r"]
write("hidden", "15-large-runs", toks[: n // 2], "e", "e")
