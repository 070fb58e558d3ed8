# judge: beam-search
def beam_search(logp: list[list[float]], bos: int, eos: int, beam_width: int, max_len: int,
                normalize: bool) -> list[int]:
    # Expand every live hypothesis, rank by score (ties: smaller sequence),
    # keep beam_width, move those ending in eos to the finished set; return the
    # best finished (or cut at max_len) sequence by score (or score / length).
    raise NotImplementedError
