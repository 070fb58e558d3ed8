# judge: rope
import math


def rope(x: list[list[float]], offset: int, base: float) -> list[list[float]]:
    out = []
    for t, row in enumerate(x):
        d = len(row)
        p = offset + t
        y = [0.0] * d
        for i in range(d // 2):
            theta = base ** (-2.0 * i / d)
            a = p * theta
            c, s = math.cos(a), math.sin(a)
            x0, x1 = row[2 * i], row[2 * i + 1]
            y[2 * i] = x0 * c - x1 * s
            y[2 * i + 1] = x0 * s + x1 * c
        out.append(y)
    return out
