"""Input validator: one case's arguments (a JSON array) on stdin; exit 0
when they meet the statement's bounds, else print why and exit 1."""
import json
import sys


def fail(why):
    print(why)
    sys.exit(1)


args = json.loads(sys.stdin.read())
if not (isinstance(args, list) and len(args) == 2):
    fail("expected [tokens, banned]")
tokens, banned = args
for name, xs in (("tokens", tokens), ("banned", banned)):
    if not isinstance(xs, list):
        fail(f"{name} is not a list")
    if len(xs) > 2 * 10**5:
        fail(f"{name} has {len(xs)} elements, more than 2*10^5")
    for x in xs:
        if type(x) is not int or not (0 <= x < 2**31):
            fail(f"{name} holds {x!r}, not an id in [0, 2^31)")
