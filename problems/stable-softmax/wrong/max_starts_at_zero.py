# Known-wrong: the running maximum starts at 0 instead of the first logit, so
# for all-negative huge logits every exp(x - 0) underflows and 0 / 0 follows.
import math


def softmax(logits: list[float]) -> list[float]:
    m = 0.0
    for x in logits:
        m = max(m, x)
    e = [math.exp(x - m) for x in logits]
    total = sum(e)
    return [v / total for v in e]
