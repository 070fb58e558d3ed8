# judge: moe-gating
def moe_gate(logits: list[list[float]], k: int, capacity: int) -> list[list[float]]:
    # Return the T x E combine weights: softmax over each token's top-k experts,
    # 0 for experts not chosen or whose capacity was already used up.
    raise NotImplementedError
