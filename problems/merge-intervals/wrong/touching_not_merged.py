# Known wrong: merges only strictly overlapping intervals ([1,2] and [2,3]
# stay apart).
def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    out = []
    for a, b in sorted(intervals):
        if out and a < out[-1][1]:
            if b > out[-1][1]:
                out[-1][1] = b
        else:
            out.append([a, b])
    return out
