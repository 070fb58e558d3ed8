# Known wrong: evicts before appending when the window is full; with
# window == 0 it pops from an empty deque instead of evicting the new token.
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
        if len(recent) == window:
            evicted.append(recent.popleft())
        else:
            evicted.append(-1)
        recent.append(x)
    return [sink_part + list(recent), evicted]
