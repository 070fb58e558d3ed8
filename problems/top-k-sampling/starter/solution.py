# judge: top-k-sampling
def sample_top_k(logits: list[float], k: int, temperature: float, u: float) -> int:
    # Keep the k largest logits, softmax(logit / temperature) over them, walk the
    # cumulative sum in descending-logit order and return the first original
    # index whose cumulative probability exceeds u.
    raise NotImplementedError
