# judge: causal-attention
# WRONG: attends to every position, including the future.
import math


def causal_attention(q, k, v):
    n = len(q)
    if n == 0:
        return []
    scale = 1.0 / math.sqrt(len(q[0]))
    out = []
    for i in range(n):
        s = [sum(a * b for a, b in zip(q[i], k[j])) * scale for j in range(n)]
        m = max(s)
        w = [math.exp(x - m) for x in s]
        z = sum(w)
        out.append([sum(w[j] * v[j][c] for j in range(n)) / z for c in range(len(v[0]))])
    return out
