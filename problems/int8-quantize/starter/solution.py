# judge: int8-quantize
def int8_quantize(x: list[float], amax: float) -> list[int]:
    # r = amax if amax > 0 else max|x|; scale = r / 127; codes
    # clamp(round_half_even(x / scale), -127, 127); all 0 when r == 0.
    raise NotImplementedError
