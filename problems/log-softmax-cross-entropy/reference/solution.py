import math

IGNORE_INDEX = -100


def cross_entropy(logits: list[list[float]], targets: list[int]) -> float:
    total = 0.0
    count = 0
    for row, t in zip(logits, targets):
        if t == IGNORE_INDEX:
            continue
        m = max(row)
        lse = m + math.log(sum(math.exp(x - m) for x in row))  # the sum is >= 1
        total += lse - row[t]
        count += 1
    return total / count if count else 0.0
