# judge: grpo-advantages
def grpo_advantages(rewards: list[float], group_size: int, eps: float) -> list[float]:
    # For each group of group_size consecutive rewards:
    # (r - mean) / (sample std + eps); constant groups give 0.
    raise NotImplementedError
