# Known-wrong: int(v + 0.5) truncates toward zero, so negatives round up and
# halves round up instead of to even.
def int8_quantize(x: list[float], amax: float) -> list[int]:
    r = amax if amax > 0 else max((abs(v) for v in x), default=0.0)
    if r == 0:
        return [0] * len(x)
    scale = r / 127.0
    return [max(-127, min(127, int(v / scale + 0.5))) for v in x]
