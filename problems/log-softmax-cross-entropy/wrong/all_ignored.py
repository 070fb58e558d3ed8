# Known-wrong: divides by the number of counted rows even when it is 0.
import math


def cross_entropy(logits: list[list[float]], targets: list[int]) -> float:
    total, count = 0.0, 0
    for row, t in zip(logits, targets):
        if t == -100:
            continue
        m = max(row)
        total += m + math.log(sum(math.exp(x - m) for x in row)) - row[t]
        count += 1
    return total / count
