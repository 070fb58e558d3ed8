# judge: stable-softmax
def softmax(logits: list[float]) -> list[float]:
    # exp(x_i) / sum_j exp(x_j), without overflow for logits near +-1e4.
    raise NotImplementedError
