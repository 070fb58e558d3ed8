# Known-wrong: forgets ignore_index; row[-100] is an IndexError or a wrong logit.
import math


def cross_entropy(logits: list[list[float]], targets: list[int]) -> float:
    total, count = 0.0, 0
    for row, t in zip(logits, targets):
        m = max(row)
        total += m + math.log(sum(math.exp(x - m) for x in row)) - row[t]
        count += 1
    return total / count if count else 0.0
