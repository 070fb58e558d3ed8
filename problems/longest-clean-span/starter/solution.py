# judge: longest-clean-span
def longest_clean_span(tokens: list[int], banned: list[int]) -> int:
    # Return the length of the longest run of tokens containing no banned id.
    raise NotImplementedError
