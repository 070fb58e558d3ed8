# judge: rms-norm
# WRONG: squares directly; overflows to inf for |x| ~ 1e300.
import math


def rms_norm(x, weight, eps):
    out = []
    for row in x:
        ms = sum(v * v for v in row) / len(row)
        rms = math.sqrt(ms + eps)
        out.append([v / rms * w for v, w in zip(row, weight)])
    return out
