# judge: causal-attention
import math


def causal_attention(q: list[list[float]], k: list[list[float]], v: list[list[float]]) -> list[list[float]]:
    n = len(q)
    if n == 0:
        return []
    scale = 1.0 / math.sqrt(len(q[0]))
    dv = len(v[0])
    out = []
    for i in range(n):
        qi = q[i]
        scores = [sum(a * b for a, b in zip(qi, k[j])) * scale for j in range(i + 1)]
        m = max(scores)
        w = [math.exp(s - m) for s in scores]  # the largest weight is exactly 1
        z = sum(w)
        row = [0.0] * dv
        for j in range(i + 1):
            wj = w[j]
            vj = v[j]
            for c in range(dv):
                row[c] += wj * vj[c]
        out.append([x / z for x in row])
    return out
