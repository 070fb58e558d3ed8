# Known-wrong: always uses the dynamic range max|x|, ignoring a calibrated amax.
def int8_quantize(x: list[float], amax: float) -> list[int]:
    r = max((abs(v) for v in x), default=0.0)
    if r == 0:
        return [0] * len(x)
    scale = r / 127.0
    return [max(-127, min(127, round(v / scale))) for v in x]
