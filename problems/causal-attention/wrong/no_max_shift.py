# judge: causal-attention
# WRONG: exp of raw scores (overflow / total underflow).
import math


def causal_attention(q, k, v):
    n = len(q)
    if n == 0:
        return []
    scale = 1.0 / math.sqrt(len(q[0]))
    out = []
    for i in range(n):
        w = [math.exp(sum(a * b for a, b in zip(q[i], k[j])) * scale) for j in range(i + 1)]
        z = sum(w)
        out.append([sum(w[j] * v[j][c] for j in range(i + 1)) / z for c in range(len(v[0]))])
    return out
