"""Input validator for sliding-window-max: one case's JSON argument array on stdin."""
import json
import sys


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
    if not isinstance(args, list) or len(args) != 2:
        fail("expected [nums, k]")
    nums, k = args
    if not isinstance(nums, list) or not 1 <= len(nums) <= 200_000:
        fail("nums: expected a list of 1 to 2e5 ints")
    for i, x in enumerate(nums):
        if not is_int(x) or not -10**18 <= x <= 10**18:
            fail(f"nums[{i}]: expected an int in [-1e18, 1e18], got {x!r:.40}")
    if not is_int(k) or not 1 <= k <= len(nums):
        fail(f"k: expected an int in [1, n], got {k!r:.40}")


main()
