# Known wrong: applies each merge once, in list order, instead of always taking
# the lowest-rank pair present (a pair that appears later is never revisited).
def bpe_encode(word: str, merges: list[list[str]]) -> list[str]:
    toks = list(word)
    for l, r in merges:
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
