# Known-wrong: exp(x) without subtracting the maximum (OverflowError near 1e4).
import math


def softmax(logits: list[float]) -> list[float]:
    e = [math.exp(x) for x in logits]
    total = sum(e)
    return [v / total for v in e]
