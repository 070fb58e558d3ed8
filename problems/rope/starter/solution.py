# judge: rope
def rope(x: list[list[float]], offset: int, base: float) -> list[list[float]]:
    # Row t is at position offset + t; rotate each interleaved pair
    # (x[2i], x[2i+1]) by position * base^(-2i/d) radians.
    raise NotImplementedError
