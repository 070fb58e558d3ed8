# judge: clip-grad-norm
# WRONG: coef = max_norm / norm (no eps).
import math


def clip_grad_norm(grads, max_norm, eps):
    s = max((abs(x) for g in grads for x in g), default=0.0)
    norm = s * math.sqrt(sum((x / s) ** 2 for g in grads for x in g)) if s > 0 else 0.0
    coef = max_norm / norm
    if coef < 1:
        return [[x * coef for x in g] for g in grads]
    return grads
