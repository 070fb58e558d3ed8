# A .py3 file, calling quit(0) and using the included bounds.py.
import sys
from bounds import MAX_VALUE

a, b = map(int, sys.stdin.read().split())
assert 0 <= a <= MAX_VALUE and 0 <= b <= MAX_VALUE
print(a + b)
quit(0)
