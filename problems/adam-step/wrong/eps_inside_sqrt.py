# judge: adam-step
# WRONG: sqrt(v_hat + eps).
import math


def adam_step(params, grads, m, v, t, lr, beta1, beta2, eps):
    bc1, bc2 = 1 - beta1 ** t, 1 - beta2 ** t
    P, M, V = [], [], []
    for p, g, mi, vi in zip(params, grads, m, v):
        mi = beta1 * mi + (1 - beta1) * g
        vi = beta2 * vi + (1 - beta2) * g * g
        P.append(p - lr * (mi / bc1) / math.sqrt(vi / bc2 + eps))
        M.append(mi)
        V.append(vi)
    return [P, M, V]
