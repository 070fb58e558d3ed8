# judge: bpe-merge-step
def merge_pair(tokens: list[str], left: str, right: str) -> list[str]:
    # Replace every non-overlapping (left, right) pair, left to right, by left + right.
    raise NotImplementedError
