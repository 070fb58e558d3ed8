# Known wrong: also merges intervals that are one apart ([1,2] and [3,4]),
# as if they were sets of integers.
def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    out = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1] + 1:
            if b > out[-1][1]:
                out[-1][1] = b
        else:
            out.append([a, b])
    return out
