# Known-wrong: checks the length after appending, producing max_len + 1 tokens.
def greedy_decode(scores: list[list[float]], bos: int, eos: int, max_len: int) -> list[int]:
    out, prev = [], bos
    while True:
        row = scores[prev]
        prev = max(range(len(row)), key=row.__getitem__)
        out.append(prev)
        if prev == eos or len(out) > max_len:
            break
    return out
