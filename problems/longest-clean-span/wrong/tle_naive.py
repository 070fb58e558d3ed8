def longest_clean_span(tokens, banned):
    # O(n * m): `in` on a list scans it.
    best = run = 0
    for t in tokens:
        if t in banned:
            run = 0
        else:
            run += 1
            best = max(best, run)
    return best
