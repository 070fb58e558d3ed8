"""Input validator for lru-cache: one case's JSON argument array on stdin."""
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
    if not isinstance(args, list) or len(args) != 3:
        fail("expected [ops, args, capacity]")
    ops, opargs, capacity = args
    if not isinstance(ops, list) or not isinstance(opargs, list) or len(ops) != len(opargs):
        fail("ops and args: expected two lists of the same length")
    if len(ops) > 200_000:
        fail("ops: more than 2e5 operations")
    for i, (op, a) in enumerate(zip(ops, opargs)):
        want = {"get": 1, "put": 2}.get(op)
        if want is None:
            fail(f"ops[{i}]: expected \"get\" or \"put\", got {op!r:.40}")
        if not isinstance(a, list) or len(a) != want:
            fail(f"args[{i}]: {op} takes {want} argument(s)")
        for x in a:
            if not is_int(x) or not 0 <= x <= 10**9:
                fail(f"args[{i}]: expected ints in [0, 1e9], got {x!r:.40}")
    if not is_int(capacity) or not 0 <= capacity <= 200_000:
        fail(f"capacity: expected an int in [0, 2e5], got {capacity!r:.40}")


main()
