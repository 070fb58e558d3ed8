# Known wrong (too slow): rebuilds the whole list by slicing at every merge,
# O(n) per merge.
def merge_pair(tokens: list[str], left: str, right: str) -> list[str]:
    toks = list(tokens)
    i = 0
    while i + 1 < len(toks):
        if toks[i] == left and toks[i + 1] == right:
            toks = toks[:i] + [left + right] + toks[i + 2:]
        i += 1
    return toks
