# Known wrong (too slow): slides the window by slicing a list, O(window) per
# eviction.
def kv_cache_window(ids: list[int], window: int, sinks: int) -> list[list[int]]:
    sink_part = []
    recent = []
    evicted = []
    for pos, x in enumerate(ids):
        if pos < sinks:
            sink_part.append(x)
            evicted.append(-1)
            continue
        recent.append(x)
        if len(recent) > window:
            evicted.append(recent[0])
            recent = recent[1:]
        else:
            evicted.append(-1)
    return [sink_part + recent, evicted]
