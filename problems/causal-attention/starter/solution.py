# judge: causal-attention
def causal_attention(q: list[list[float]], k: list[list[float]], v: list[list[float]]) -> list[list[float]]:
    # out[i] = sum over j <= i of softmax_j(q[i] . k[j] / sqrt(d)) * v[j],
    # with the row maximum subtracted before exp.
    raise NotImplementedError
