# Known wrong: merges every occurrence of the best pair at once (the loop of
# the original GPT-2 encoder); differs when a merge creates a pair of lower rank.
def bpe_encode(word: str, merges: list[list[str]]) -> list[str]:
    rank = {}
    for i, (l, r) in enumerate(merges):
        rank.setdefault((l, r), i)
    toks = list(word)
    while len(toks) > 1:
        best = min(((rank[p], p) for p in zip(toks, toks[1:]) if p in rank), default=None)
        if best is None:
            break
        l, r = best[1]
        out, i = [], 0
        while i < len(toks):
            if i + 1 < len(toks) and toks[i] == l and toks[i + 1] == r:
                out.append(l + r)
                i += 2
            else:
                out.append(toks[i])
                i += 1
        toks = out
    return toks
