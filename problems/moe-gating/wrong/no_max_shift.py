# Known wrong: exponentiates the raw logits (no max shift): exp(1e4) overflows.
import math


def moe_gate(logits: list[list[float]], k: int, capacity: int) -> list[list[float]]:
    load = {}  # expert -> kept assignments so far
    out = []
    for row in logits:
        # Top-k by logit; ties: lower expert id (-0.0 == 0.0 ties too).
        chosen = sorted(range(len(row)), key=lambda e: (-row[e], e))[:k]
        ex = [math.exp(row[e]) for e in chosen]
        total = sum(ex)
        res = [0.0] * len(row)
        for e, x in zip(chosen, ex):
            if load.get(e, 0) < capacity:
                load[e] = load.get(e, 0) + 1
                res[e] = x / total  # dropped assignments stay 0, no renormalisation
        out.append(res)
    return out
