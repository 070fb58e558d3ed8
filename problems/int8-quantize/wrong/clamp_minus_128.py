# Known-wrong: clamps to the full int8 range [-128, 127] instead of the
# symmetric [-127, 127].
def int8_quantize(x: list[float], amax: float) -> list[int]:
    r = amax if amax > 0 else max((abs(v) for v in x), default=0.0)
    if r == 0:
        return [0] * len(x)
    scale = r / 127.0
    return [max(-128, min(127, round(v / scale))) for v in x]
