# Known wrong: keeps values (not indices) in the deque, pops equal values, and
# evicts the front when it equals the value leaving the window: with
# duplicates it evicts a copy that is still inside the window.
from collections import deque


def max_sliding_window(nums: list[int], k: int) -> list[int]:
    dq = deque()
    out = []
    for i, x in enumerate(nums):
        if i >= k and dq and dq[0] == nums[i - k]:
            dq.popleft()
        while dq and dq[-1] <= x:
            dq.pop()
        dq.append(x)
        if i >= k - 1:
            out.append(dq[0])
    return out
