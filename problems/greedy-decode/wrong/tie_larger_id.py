# Known-wrong: >= keeps the last maximum, so ties go to the larger id.
def greedy_decode(scores: list[list[float]], bos: int, eos: int, max_len: int) -> list[int]:
    out, prev = [], bos
    while len(out) < max_len:
        row = scores[prev]
        best = 0
        for b in range(1, len(row)):
            if row[b] >= row[best]:
                best = b
        prev = best
        out.append(prev)
        if prev == eos:
            break
    return out
