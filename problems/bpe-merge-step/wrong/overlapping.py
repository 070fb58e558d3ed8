# Known wrong: advances by one after a merge, so a token can be used twice.
def merge_pair(tokens: list[str], left: str, right: str) -> list[str]:
    out = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and tokens[i] == left and tokens[i + 1] == right:
            out.append(left + right)
        else:
            out.append(tokens[i])
        i += 1
    return out
