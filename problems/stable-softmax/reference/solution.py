import math


def softmax(logits: list[float]) -> list[float]:
    if not logits:
        return []
    m = max(logits)  # finite: at least one logit is finite
    e = [math.exp(x - m) for x in logits]  # exp(-inf) == 0.0; the largest term is 1
    total = sum(e)
    return [v / total for v in e]
