def int8_quantize(x: list[float], amax: float) -> list[int]:
    r = amax if amax > 0 else max((abs(v) for v in x), default=0.0)
    if r == 0:
        return [0] * len(x)
    scale = r / 127.0
    # round() rounds halves to even; x / scale is finite (|x| <= 1e30, scale >= 1e-30 / 127).
    return [max(-127, min(127, round(v / scale))) for v in x]
