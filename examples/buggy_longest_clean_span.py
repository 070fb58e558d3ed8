# judge: longest-clean-span
# A plausible bug: the run is only compared with the best when a banned token
# ends it, so a clean span at the very end is never counted.
def longest_clean_span(tokens: list[int], banned: list[int]) -> int:
    bad = set(banned)
    best = run = 0
    for t in tokens:
        if t in bad:
            best = max(best, run)
            run = 0
        else:
            run += 1
    print("debug: last run was", run)
    return best
