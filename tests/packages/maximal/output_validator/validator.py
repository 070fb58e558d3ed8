# Accepts an answer that differs from the input number by exactly the
# constant (replaced by the judge before this runs). Exit 42 = AC, 43 = WA.
import sys


def main():
    if len(sys.argv) < 2:
        return 43
    try:
        got = int(sys.stdin.read())
        with open(sys.argv[1]) as f:
            n = int(f.read())
    except (ValueError, UnicodeDecodeError, OSError):
        return 43
    return 42 if abs(got - n) == {{example_constant}} else 43


sys.exit(main())
