# Known-wrong: ignores normalize and always ranks by the raw score.
import math


def beam_search(logp: list[list[float]], bos: int, eos: int, beam_width: int, max_len: int,
                normalize: bool) -> list[int]:
    live = [((), 0.0)]
    finished = []
    for _ in range(max_len):
        candidates = []
        for seq, score in live:
            row = logp[seq[-1] if seq else bos]
            for v, lp in enumerate(row):
                if lp != -math.inf:
                    candidates.append((seq + (v,), score + lp))
        candidates.sort(key=lambda c: (-c[1], c[0]))
        live = []
        for seq, score in candidates[:beam_width]:
            (finished if seq[-1] == eos else live).append((seq, score))
        if not live:
            break
    pool = finished + live

    def final(c):
        return c[1]

    best = min(pool, key=lambda c: (-final(c), c[0]))
    return list(best[0])
