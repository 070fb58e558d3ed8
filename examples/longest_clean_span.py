# judge: longest-clean-span
def longest_clean_span(tokens: list[int], banned: list[int]) -> int:
    bad = set(banned)
    best = run = 0
    for t in tokens:
        run = 0 if t in bad else run + 1
        best = max(best, run)
    return best
