# judge: causal-attention
# WRONG: attends to j < i only; position 0 falls back to zeros.
import math


def causal_attention(q, k, v):
    n = len(q)
    if n == 0:
        return []
    scale = 1.0 / math.sqrt(len(q[0]))
    dv = len(v[0])
    out = []
    for i in range(n):
        if i == 0:
            out.append([0.0] * dv)
            continue
        s = [sum(a * b for a, b in zip(q[i], k[j])) * scale for j in range(i)]
        m = max(s)
        w = [math.exp(x - m) for x in s]
        z = sum(w)
        out.append([sum(w[j] * v[j][c] for j in range(i)) / z for c in range(dv)])
    return out
