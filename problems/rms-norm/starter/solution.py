# judge: rms-norm
def rms_norm(x: list[list[float]], weight: list[float], eps: float) -> list[list[float]]:
    # For each row: y[j] = r[j] / sqrt(mean(r^2) + eps) * weight[j], without
    # overflowing when |r[j]| is up to 1e300.
    raise NotImplementedError
