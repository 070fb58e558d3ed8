# Known wrong (too slow): recomputes every window's maximum, O(n*k).
def max_sliding_window(nums: list[int], k: int) -> list[int]:
    return [max(nums[i : i + k]) for i in range(len(nums) - k + 1)]
