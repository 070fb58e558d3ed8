# Known-wrong: scale = range / 128 (the int8 magnitude of -128) instead of / 127.
def int8_quantize(x: list[float], amax: float) -> list[int]:
    r = amax if amax > 0 else max((abs(v) for v in x), default=0.0)
    if r == 0:
        return [0] * len(x)
    scale = r / 128.0
    return [max(-127, min(127, round(v / scale))) for v in x]
