# judge: top-p-sampling
def sample_top_p(logits: list[float], p: float, temperature: float, u: float) -> int:
    # Order tokens by descending logit (ties: smaller index), softmax(logit / T),
    # keep the shortest prefix with cumulative probability >= p, renormalise,
    # and return the first kept index whose cumulative probability exceeds u.
    raise NotImplementedError
