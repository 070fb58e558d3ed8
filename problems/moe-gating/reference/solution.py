import math


def moe_gate(logits: list[list[float]], k: int, capacity: int) -> list[list[float]]:
    load = {}  # expert -> kept assignments so far
    out = []
    for row in logits:
        # Top-k by logit; ties: lower expert id (-0.0 == 0.0 ties too).
        chosen = sorted(range(len(row)), key=lambda e: (-row[e], e))[:k]
        m = row[chosen[0]]  # the largest chosen logit: exp never overflows
        ex = [math.exp(row[e] - m) for e in chosen]
        total = sum(ex)
        res = [0.0] * len(row)
        for e, x in zip(chosen, ex):
            if load.get(e, 0) < capacity:
                load[e] = load.get(e, 0) + 1
                res[e] = x / total  # dropped assignments stay 0, no renormalisation
        out.append(res)
    return out
