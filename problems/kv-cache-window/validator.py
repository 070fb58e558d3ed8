"""Input validator for kv-cache-window: one case's JSON argument array on stdin."""
import json
import sys

MAX_N = 200_000


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
    if not isinstance(args, list) or len(args) != 3:
        fail("expected [ids, window, sinks]")
    ids, window, sinks = args
    if not isinstance(ids, list) or len(ids) > MAX_N:
        fail("ids: expected a list of at most 2e5 ints")
    for i, x in enumerate(ids):
        if not is_int(x) or not 0 <= x <= 2**31 - 1:
            fail(f"ids[{i}]: expected an int in [0, 2^31-1], got {x!r:.40}")
    if not is_int(window) or not 0 <= window <= MAX_N:
        fail(f"window: expected an int in [0, 2e5], got {window!r:.40}")
    if not is_int(sinks) or not 0 <= sinks <= MAX_N:
        fail(f"sinks: expected an int in [0, 2e5], got {sinks!r:.40}")


main()
