# Input validator (Kattis interface): the input on stdin, exit 42 if valid, 43 if not.
import re
import sys

data = sys.stdin.read()
ok = re.fullmatch(r"-?\d+ -?\d+\n", data) is not None
if ok:
    a, b = map(int, data.split())
    ok = all(-2 * 10**9 <= x <= 2 * 10**9 for x in (a, b))
sys.exit(42 if ok else 43)
