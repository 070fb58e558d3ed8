# judge: rms-norm
# WRONG: sqrt(ms) + eps; also overflow-safe so only the eps placement differs.
import math


def rms_norm(x, weight, eps):
    out = []
    for row in x:
        s = max(abs(v) for v in row)
        if s == 0.0:
            out.append([0.0] * len(row))
            continue
        ms = sum((v / s) ** 2 for v in row) / len(row)
        rms = s * math.sqrt(ms) + eps
        out.append([v / rms * w for v, w in zip(row, weight)])
    return out
