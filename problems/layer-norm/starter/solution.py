# judge: layer-norm
def layer_norm(x: list[list[float]], gamma: list[float], beta: list[float], eps: float) -> list[list[float]]:
    # For each row: mean, population variance (divide by d), then
    # (v - mean) / sqrt(var + eps) * gamma[j] + beta[j].
    raise NotImplementedError
