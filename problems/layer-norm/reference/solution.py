# judge: layer-norm
import math


def layer_norm(x: list[list[float]], gamma: list[float], beta: list[float], eps: float) -> list[list[float]]:
    out = []
    for row in x:
        d = len(row)
        mean = math.fsum(row) / d
        var = math.fsum((v - mean) * (v - mean) for v in row) / d
        inv = 1.0 / math.sqrt(var + eps)
        out.append([(v - mean) * inv * g + b for v, g, b in zip(row, gamma, beta)])
    return out
