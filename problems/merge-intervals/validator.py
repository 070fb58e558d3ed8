"""Input validator for merge-intervals: one case's JSON argument array on stdin."""
import json
import sys

BIG = 10**18


def fail(msg):
    print(msg)
    sys.exit(1)


def is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def main():
    try:
        args = json.loads(sys.stdin.read())
    except ValueError as e:
        fail(f"input is not JSON: {e}")
    if not isinstance(args, list) or len(args) != 1:
        fail("expected [intervals]")
    (intervals,) = args
    if not isinstance(intervals, list) or len(intervals) > 200_000:
        fail("intervals: expected a list of at most 2e5 intervals")
    for i, iv in enumerate(intervals):
        if not isinstance(iv, list) or len(iv) != 2 or not all(is_int(x) for x in iv):
            fail(f"intervals[{i}]: expected [a, b] of two ints, got {iv!r:.60}")
        a, b = iv
        if not -BIG <= a <= b <= BIG:
            fail(f"intervals[{i}]: expected -1e18 <= a <= b <= 1e18, got {iv!r:.60}")


main()
