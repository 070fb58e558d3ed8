# Kattis output validator in Python: validator.py input answer feedback_dir < team_output
import sys

n = int(open(sys.argv[1]).read())
got = sorted(int(t) for t in sys.stdin.read().split())
if got == list(range(1, n + 1)):
    sys.exit(42)
with open(sys.argv[3] + "judgemessage.txt", "w") as f:
    f.write(f"not a permutation of 1..{n}\n")
sys.exit(43)
