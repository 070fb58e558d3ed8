"""Input validator for bpe-encode: one case's JSON argument array on stdin."""
import json
import re
import sys

WORD = re.compile(r"[a-z]{0,20000}")
PART = re.compile(r"[a-z]{1,64}")


def fail(msg):
    print(msg)
    sys.exit(1)


def main():
    try:
        args = json.loads(sys.stdin.read())
    except ValueError as e:
        fail(f"input is not JSON: {e}")
    if not isinstance(args, list) or len(args) != 2:
        fail("expected [word, merges]")
    word, merges = args
    if not isinstance(word, str) or not WORD.fullmatch(word):
        fail("word: expected at most 2e4 lowercase letters")
    if not isinstance(merges, list) or len(merges) > 20_000:
        fail("merges: expected a list of at most 2e4 pairs")
    for i, m in enumerate(merges):
        if not isinstance(m, list) or len(m) != 2:
            fail(f"merges[{i}]: expected [left, right]")
        for k, part in enumerate(m):
            if not isinstance(part, str) or not PART.fullmatch(part):
                fail(f"merges[{i}][{k}]: expected 1 to 64 lowercase letters, got {part!r:.80}")


main()
