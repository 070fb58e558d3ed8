# judge: rope
# WRONG: position t instead of offset + t.
import math


def rope(x, offset, base):
    out = []
    for t, row in enumerate(x):
        d = len(row)
        y = [0.0] * d
        for i in range(d // 2):
            a = t * base ** (-2.0 * i / d)
            c, s = math.cos(a), math.sin(a)
            y[2 * i] = row[2 * i] * c - row[2 * i + 1] * s
            y[2 * i + 1] = row[2 * i] * s + row[2 * i + 1] * c
        out.append(y)
    return out
