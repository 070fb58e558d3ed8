# Known wrong: off by one, returns n-k windows (the last one is missing).
from collections import deque


def max_sliding_window(nums: list[int], k: int) -> list[int]:
    dq = deque()
    out = []
    for i in range(len(nums) - 1):
        x = nums[i]
        while dq and nums[dq[-1]] <= x:
            dq.pop()
        dq.append(i)
        if dq[0] <= i - k:
            dq.popleft()
        if i >= k - 1:
            out.append(nums[dq[0]])
    return out
