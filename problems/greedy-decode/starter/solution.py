# judge: greedy-decode
def greedy_decode(scores: list[list[float]], bos: int, eos: int, max_len: int) -> list[int]:
    # From bos, repeatedly append argmax_b scores[prev][b] (smallest id on ties);
    # stop after appending eos or at max_len tokens.
    raise NotImplementedError
