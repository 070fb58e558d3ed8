# judge: rms-norm
import math


def rms_norm(x: list[list[float]], weight: list[float], eps: float) -> list[list[float]]:
    out = []
    for row in x:
        d = len(row)
        s = max(abs(v) for v in row)
        if s == 0.0:
            out.append([0.0] * d)
            continue
        if s <= 1e100:
            # Squares cannot overflow (d * 1e200 is far below 1.8e308).
            rms = math.sqrt(math.fsum(v * v for v in row) / d + eps)
        else:
            # Scale by the largest magnitude; eps / s^2 underflows harmlessly.
            ms_scaled = math.fsum((v / s) * (v / s) for v in row) / d
            rms = s * math.sqrt(ms_scaled + (eps / s) / s)
        out.append([v / rms * w for v, w in zip(row, weight)])
    return out
