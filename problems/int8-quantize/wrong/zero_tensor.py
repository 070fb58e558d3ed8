# Known-wrong: forgets the all-zero (or empty) tensor: division by a zero scale.
def int8_quantize(x: list[float], amax: float) -> list[int]:
    r = amax if amax > 0 else max(abs(v) for v in x)
    scale = r / 127.0
    return [max(-127, min(127, round(v / scale))) for v in x]
