# judge: cosine-lr-schedule
def cosine_lr(steps: list[int], base_lr: float, min_lr: float, warmup_steps: int, total_steps: int) -> list[float]:
    # s < W: base_lr * (s + 1) / W; s >= T: min_lr; otherwise cosine from
    # base_lr down to min_lr over progress (s - W) / (T - W).
    raise NotImplementedError
