# judge: clip-grad-norm
# WRONG: clips each tensor by its own norm.
import math


def clip_grad_norm(grads, max_norm, eps):
    out = []
    for g in grads:
        s = max((abs(x) for x in g), default=0.0)
        norm = s * math.sqrt(sum((x / s) ** 2 for x in g)) if s > 0 else 0.0
        coef = max_norm / (norm + eps)
        out.append([x * coef for x in g] if coef < 1 else list(g))
    return out
