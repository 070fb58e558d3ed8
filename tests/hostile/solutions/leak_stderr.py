# A stdio solution that fakes a crash on stderr naming the hidden input.
import sys

secret = sys.stdin.read().strip()
sys.stderr.write("Traceback (most recent call last):\n  File \"x.py\", line 1\nLeak_%s: %s\n" % (secret, secret))
sys.exit(len(secret))
