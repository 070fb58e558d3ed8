# Known wrong (too slow): rescans the whole sequence after every merge,
# O(n^2) pair lookups on a 2e4-character word.
def bpe_encode(word: str, merges: list[list[str]]) -> list[str]:
    rank = {}
    for i, (l, r) in enumerate(merges):
        rank.setdefault((l, r), i)
    toks = list(word)
    while True:
        best, at = None, -1
        for j in range(len(toks) - 1):
            r = rank.get((toks[j], toks[j + 1]))
            if r is not None and (best is None or r < best):
                best, at = r, j
        if best is None:
            return toks
        toks[at : at + 2] = [toks[at] + toks[at + 1]]
