# judge: rope
# WRONG: rotate-half layout (pairs i and i + d/2).
import math


def rope(x, offset, base):
    out = []
    for t, row in enumerate(x):
        d = len(row)
        h = d // 2
        y = [0.0] * d
        for i in range(h):
            a = (offset + t) * base ** (-2.0 * i / d)
            c, s = math.cos(a), math.sin(a)
            y[i] = row[i] * c - row[i + h] * s
            y[i + h] = row[i] * s + row[i + h] * c
        out.append(y)
    return out
