# judge: log-softmax-cross-entropy
def cross_entropy(logits: list[list[float]], targets: list[int]) -> float:
    # Mean over rows whose target is not -100 of logsumexp(row) - row[target];
    # 0.0 when no row counts.
    raise NotImplementedError
