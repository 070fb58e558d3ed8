# judge: layer-norm
# WRONG: var = E[x^2] - mean^2 (catastrophic cancellation on offset rows).
import math


def layer_norm(x, gamma, beta, eps):
    out = []
    for row in x:
        d = len(row)
        s = 0.0
        s2 = 0.0
        for v in row:
            s += v
            s2 += v * v
        mean = s / d
        var = s2 / d - mean * mean
        inv = 1.0 / math.sqrt(var + eps)
        out.append([(v - mean) * inv * g + b for v, g, b in zip(row, gamma, beta)])
    return out
