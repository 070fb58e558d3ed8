# Known wrong: off by one in the eviction test (dq[0] < i - k), so an index
# that just left the window can still be reported as its maximum.
from collections import deque


def max_sliding_window(nums: list[int], k: int) -> list[int]:
    dq = deque()
    out = []
    for i, x in enumerate(nums):
        while dq and nums[dq[-1]] <= x:
            dq.pop()
        dq.append(i)
        if dq[0] < i - k:
            dq.popleft()
        if i >= k - 1:
            out.append(nums[dq[0]])
    return out
