# judge: clip-grad-norm
# WRONG: the sum of squares overflows for huge gradients.
import math


def clip_grad_norm(grads, max_norm, eps):
    norm = math.sqrt(sum(x * x for g in grads for x in g))
    coef = max_norm / (norm + eps)
    if coef < 1:
        return [[x * coef for x in g] for g in grads]
    return grads
