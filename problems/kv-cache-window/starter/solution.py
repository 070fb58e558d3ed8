# judge: kv-cache-window
def kv_cache_window(ids: list[int], window: int, sinks: int) -> list[list[int]]:
    # Return [final cache ids in stream order, id evicted by each append or -1].
    raise NotImplementedError
