# judge: sliding-window-max
def max_sliding_window(nums: list[int], k: int) -> list[int]:
    # Return the maximum of every window nums[i:i+k], i = 0 .. n-k.
    raise NotImplementedError
