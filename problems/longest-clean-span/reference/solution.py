def longest_clean_span(tokens: list[int], banned: list[int]) -> int:
    bad = set(banned)
    best = run = 0
    for t in tokens:
        if t in bad:
            run = 0
        else:
            run += 1
            if run > best:
                best = run
    return best
