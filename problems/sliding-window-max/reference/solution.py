from collections import deque


def max_sliding_window(nums: list[int], k: int) -> list[int]:
    dq = deque()  # indices whose values decrease strictly from front to back
    out = []
    for i, x in enumerate(nums):
        while dq and nums[dq[-1]] <= x:
            dq.pop()
        dq.append(i)
        if dq[0] <= i - k:  # the front left the window [i-k+1, i]
            dq.popleft()
        if i >= k - 1:
            out.append(nums[dq[0]])
    return out
