# Known wrong (too slow): inserts each interval by scanning the merged list
# for one it overlaps, O(n^2).
def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    merged = []
    for a, b in intervals:
        i = 0
        while i < len(merged):
            c, d = merged[i]
            if a <= d and c <= b:  # overlap or touch: absorb and rescan
                a, b = min(a, c), max(b, d)
                merged.pop(i)
                i = 0
                continue
            i += 1
        merged.append([a, b])
    merged.sort()
    return merged
