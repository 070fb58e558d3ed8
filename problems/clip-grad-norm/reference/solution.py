# judge: clip-grad-norm
import math


def clip_grad_norm(grads: list[list[float]], max_norm: float, eps: float) -> list[list[float]]:
    s = max((abs(x) for g in grads for x in g), default=0.0)
    if s == 0.0:
        return [list(g) for g in grads]
    if s <= 1e100:
        # Squares cannot overflow: 1e5 values of at most 1e200 each.
        norm = math.sqrt(math.fsum(x * x for g in grads for x in g))
    else:
        norm = s * math.sqrt(math.fsum((x / s) * (x / s) for g in grads for x in g))
    coef = max_norm / (norm + eps)
    if coef < 1.0:
        return [[x * coef for x in g] for g in grads]
    return [list(g) for g in grads]
