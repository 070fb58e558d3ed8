"""Input validator for bpe-merge-step: one case's JSON argument array on stdin."""
import json
import re
import sys

TOKEN = re.compile(r"[a-z]{1,8}")


def fail(msg):
    print(msg)
    sys.exit(1)


def check_token(x, where):
    if not isinstance(x, str) or not TOKEN.fullmatch(x):
        fail(f"{where}: expected 1 to 8 lowercase letters, got {x!r:.40}")


def main():
    try:
        args = json.loads(sys.stdin.read())
    except ValueError as e:
        fail(f"input is not JSON: {e}")
    if not isinstance(args, list) or len(args) != 3:
        fail("expected [tokens, left, right]")
    tokens, left, right = args
    if not isinstance(tokens, list) or len(tokens) > 200_000:
        fail("tokens: expected a list of at most 2e5 strings")
    for i, t in enumerate(tokens):
        check_token(t, f"tokens[{i}]")
    check_token(left, "left")
    check_token(right, "right")


main()
