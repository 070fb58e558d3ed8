# Known wrong: assumes the input is sorted by start.
def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    out = []
    for a, b in intervals:
        if out and a <= out[-1][1]:  # overlaps or touches the last merged interval
            if b > out[-1][1]:
                out[-1][1] = b
        else:
            out.append([a, b])
    return out
