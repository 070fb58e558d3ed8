# Known-wrong: stops at EOS but leaves it out of the output.
def greedy_decode(scores: list[list[float]], bos: int, eos: int, max_len: int) -> list[int]:
    out, prev = [], bos
    while len(out) < max_len:
        row = scores[prev]
        prev = max(range(len(row)), key=row.__getitem__)
        if prev == eos:
            break
        out.append(prev)
    return out
