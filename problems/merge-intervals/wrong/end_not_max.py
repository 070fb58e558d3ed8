# Known wrong: takes the new interval's end instead of the larger end, which
# shrinks the merged interval when one interval contains the next.
def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    out = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:  # overlaps or touches the last merged interval
            out[-1][1] = b
        else:
            out.append([a, b])
    return out
