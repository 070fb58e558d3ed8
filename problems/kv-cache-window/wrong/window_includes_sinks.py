# Known wrong: treats `window` as the total capacity (sinks included) instead
# of the number of recent tokens kept besides the sinks.
from collections import deque


def kv_cache_window(ids: list[int], window: int, sinks: int) -> list[list[int]]:
    sink_part = []
    recent = deque()
    evicted = []
    for pos, x in enumerate(ids):
        if pos < sinks:
            sink_part.append(x)
            evicted.append(-1)
            continue
        recent.append(x)
        if len(sink_part) + len(recent) > max(window, len(sink_part)):
            evicted.append(recent.popleft())
        else:
            evicted.append(-1)
    return [sink_part + list(recent), evicted]
