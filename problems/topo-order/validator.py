"""Input validator for topo-order: one case's JSON argument array on stdin."""
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
        fail("expected [n, edges]")
    n, edges = args
    if not is_int(n) or not 0 <= n <= 200_000:
        fail(f"n: expected an int in [0, 2e5], got {n!r:.40}")
    if not isinstance(edges, list) or len(edges) > 200_000:
        fail("edges: expected a list of at most 2e5 edges")
    for i, e in enumerate(edges):
        if not isinstance(e, list) or len(e) != 2 or not all(is_int(x) and 0 <= x < n for x in e):
            fail(f"edges[{i}]: expected [u, v] with 0 <= u, v < n, got {e!r:.60}")


main()
