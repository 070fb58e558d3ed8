def merge_pair(tokens: list[str], left: str, right: str) -> list[str]:
    merged = left + right
    out = []
    n = len(tokens)
    i = 0
    while i < n:
        if i + 1 < n and tokens[i] == left and tokens[i + 1] == right:
            out.append(merged)
            i += 2  # both tokens consumed: no overlap
        else:
            out.append(tokens[i])
            i += 1
    return out
