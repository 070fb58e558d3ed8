"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.{in,ans} and cases/hidden/*.{in,ans}; the expected
values come from the reference solution.
"""
import json
import os
import random
import sys
from collections import Counter

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "reference"))
from solution import bpe_encode  # noqa: E402

rng = random.Random(20261203)


def write(group, name, word, merges):
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([word, merges], separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(bpe_encode(word, merges), separators=(",", ":")) + "\n")


def train(text, count):
    """Plain BPE training on one string: merge the most frequent adjacent pair
    (ties: the lexicographically smallest) `count` times."""
    toks = list(text)
    merges = []
    for _ in range(count):
        pairs = Counter(zip(toks, toks[1:]))
        pairs = {p: c for p, c in pairs.items() if len(p[0]) + len(p[1]) <= 64 and len(p[0]) <= 64 and len(p[1]) <= 64}
        if not pairs:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p))
        if pairs[best] < 2:
            break
        merges.append(list(best))
        out, i = [], 0
        while i < len(toks):
            if i + 1 < len(toks) and (toks[i], toks[i + 1]) == best:
                out.append(toks[i] + toks[i + 1])
                i += 2
            else:
                out.append(toks[i])
                i += 1
        toks = out
    return merges


WORDS = ["the", "token", "lower", "newest", "widest", "attention", "softmax", "layer", "norm", "cache"]


def text(n):
    out = []
    while sum(map(len, out)) < n:
        out.append(rng.choice(WORDS))
    return "".join(out)[:n]


write("sample", "01-lower", "lower", [["l", "o"], ["lo", "w"], ["e", "r"], ["low", "er"]])
write("sample", "02-one-at-a-time", "abab", [["ab", "a"], ["a", "b"]])
write("sample", "03-leftmost", "aaa", [["a", "a"]])

write("hidden", "01-empty-word", "", [["a", "b"]])
write("hidden", "02-empty-merges", "hello", [])
write("hidden", "03-single-char", "x", [["x", "x"]])
write("hidden", "04-created-pair-lower-rank", "abc", [["ab", "c"], ["a", "b"]])
write("hidden", "05-duplicate-pair", "abc", [["a", "b"], ["b", "c"], ["a", "b"]])
write("hidden", "06-no-cross-boundary", "abc", [["b", "c"], ["a", "bc"], ["ab", "c"]])
write("hidden", "07-run-of-a", "aaaaaaa", [["a", "a"], ["aa", "a"], ["aa", "aa"]])
write("hidden", "08-one-at-a-time-chain", "abababab", [["ab", "a"], ["a", "b"], ["aba", "b"]])
write("hidden", "09-unreachable-merges", "banana", [["x", "y"], ["an", "an"], ["a", "n"], ["b", "a"], ["ba", "nan"]])
merges = train(text(3000), 300)
write("hidden", "10-trained", text(400), merges)
# Trained list with ranks perturbed: neighbouring ranks swapped, some pairs
# repeated at later ranks, so rank order matters and isn't "buildable".
pert = [list(m) for m in merges]
for _ in range(120):
    i = rng.randrange(len(pert) - 1)
    pert[i], pert[i + 1] = pert[i + 1], pert[i]
pert += [list(rng.choice(merges)) for _ in range(50)]
pert.reverse()
write("hidden", "11-perturbed-ranks", text(2000), pert)
# Random small vocabularies with arbitrary lists: many overlaps and ties.
for c in range(3):
    vocab, ms = ["a", "b"], []
    for _ in range(40):
        l, r = rng.choice(vocab), rng.choice(vocab)
        ms.append([l, r])
        if len(l + r) <= 6:
            vocab.append(l + r)
    rng.shuffle(ms)
    write("hidden", f"{12 + c:02d}-random-arbitrary", "".join(rng.choice("ab") for _ in range(300)), ms)
# Large: 2e4 characters; an O(n^2) rescan does ~2e8 lookups.
n = 20_000
big = [["a" * (1 << k), "a" * (1 << k)] for k in range(7)]
write("hidden", "15-large-doubling", "a" * n, big)
merges = train(text(6000), 1000)
junk = []
while len(junk) < 19_000 - len(merges):
    junk.append(["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 5))) for _ in range(2)])
write("hidden", "16-large-trained", text(n), merges + junk)
