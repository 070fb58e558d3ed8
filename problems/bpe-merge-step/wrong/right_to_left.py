# Known wrong: merges right to left.
def merge_pair(tokens: list[str], left: str, right: str) -> list[str]:
    out = []
    i = len(tokens) - 1
    while i >= 0:
        if i >= 1 and tokens[i - 1] == left and tokens[i] == right:
            out.append(left + right)
            i -= 2
        else:
            out.append(tokens[i])
            i -= 1
    out.reverse()
    return out
