# judge: adam-step
import math


def adam_step(params: list[float], grads: list[float], m: list[float], v: list[float], t: int,
              lr: float, beta1: float, beta2: float, eps: float) -> list[list[float]]:
    bc1 = 1.0 - beta1 ** t
    bc2 = 1.0 - beta2 ** t
    new_p, new_m, new_v = [], [], []
    for p, g, mi, vi in zip(params, grads, m, v):
        mi = beta1 * mi + (1.0 - beta1) * g
        vi = beta2 * vi + (1.0 - beta2) * g * g
        m_hat = mi / bc1
        v_hat = vi / bc2
        new_p.append(p - lr * m_hat / (math.sqrt(v_hat) + eps))
        new_m.append(mi)
        new_v.append(vi)
    return [new_p, new_m, new_v]
