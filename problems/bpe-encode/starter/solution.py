# judge: bpe-encode
def bpe_encode(word: str, merges: list[list[str]]) -> list[str]:
    # Start from single characters; repeatedly merge the adjacent pair of lowest
    # rank (index in merges), leftmost on ties, until no pair has a rank.
    raise NotImplementedError
