# judge: adam-step
# WRONG: no bias correction.
import math


def adam_step(params, grads, m, v, t, lr, beta1, beta2, eps):
    P, M, V = [], [], []
    for p, g, mi, vi in zip(params, grads, m, v):
        mi = beta1 * mi + (1 - beta1) * g
        vi = beta2 * vi + (1 - beta2) * g * g
        P.append(p - lr * mi / (math.sqrt(vi) + eps))
        M.append(mi)
        V.append(vi)
    return [P, M, V]
