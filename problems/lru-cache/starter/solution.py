# judge: lru-cache
def lru_cache(ops: list[str], args: list[list[int]], capacity: int) -> list[int]:
    # Run the operations on an LRU cache; return one result per operation
    # (get: the value or -1; put: -1).
    raise NotImplementedError
