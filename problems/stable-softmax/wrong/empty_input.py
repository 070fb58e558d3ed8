# Known-wrong: forgets the empty input (max() of an empty list raises).
import math


def softmax(logits: list[float]) -> list[float]:
    m = max(logits)
    e = [math.exp(x - m) for x in logits]
    total = sum(e)
    return [v / total for v in e]
