# Calls exit() as Kattis solutions often do (defined by `site`, which judge
# skips). Burns a random 40-200 ms of CPU first, so that a test can tell the
# time-limit run and a second run apart.
import os
import time

a, b = map(int, input().split())
end = time.process_time() + 0.04 + int.from_bytes(os.urandom(2), "little") / 65535 * 0.16
while time.process_time() < end:
    pass
print(a + b)
exit()
