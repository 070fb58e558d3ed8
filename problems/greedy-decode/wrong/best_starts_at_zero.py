# Known-wrong: the running best score starts at 0.0 with id 0, so a row whose
# scores are all negative yields token 0.
def greedy_decode(scores: list[list[float]], bos: int, eos: int, max_len: int) -> list[int]:
    out, prev = [], bos
    while len(out) < max_len:
        best_id, best_score = 0, 0.0
        for b, s in enumerate(scores[prev]):
            if s > best_score:
                best_id, best_score = b, s
        prev = best_id
        out.append(prev)
        if prev == eos:
            break
    return out
