# judge: clip-grad-norm
def clip_grad_norm(grads: list[list[float]], max_norm: float, eps: float) -> list[list[float]]:
    # Global L2 norm over all tensors (without overflow); if
    # max_norm / (norm + eps) < 1, multiply every value by it.
    raise NotImplementedError
