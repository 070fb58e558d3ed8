# Known wrong: fills capacity choice by choice (every token's first choice,
# then every token's second choice, ...) instead of token by token.
import math


def moe_gate(logits: list[list[float]], k: int, capacity: int) -> list[list[float]]:
    chosen, probs = [], []
    for row in logits:
        c = sorted(range(len(row)), key=lambda e: (-row[e], e))[:k]
        m = row[c[0]]
        ex = [math.exp(row[e] - m) for e in c]
        total = sum(ex)
        chosen.append(c)
        probs.append([x / total for x in ex])
    out = [[0.0] * len(row) for row in logits]
    load = {}
    for r in range(k):
        for t in range(len(logits)):
            e = chosen[t][r]
            if load.get(e, 0) < capacity:
                load[e] = load.get(e, 0) + 1
                out[t][e] = probs[t][r]
    return out
