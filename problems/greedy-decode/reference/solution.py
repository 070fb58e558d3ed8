def greedy_decode(scores: list[list[float]], bos: int, eos: int, max_len: int) -> list[int]:
    # The argmax of each row, smallest id on ties (max() keeps the first maximum;
    # -inf < every finite score and 0.0 == -0.0).
    best = [max(range(len(row)), key=row.__getitem__) for row in scores]
    out = []
    prev = bos
    while len(out) < max_len:
        prev = best[prev]
        out.append(prev)
        if prev == eos:
            break
    return out
