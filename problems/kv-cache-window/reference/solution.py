from collections import deque


def kv_cache_window(ids: list[int], window: int, sinks: int) -> list[list[int]]:
    sink_part = []  # the first `sinks` positions: never evicted
    recent = deque()  # the other cached positions, oldest first
    evicted = []
    for pos, x in enumerate(ids):
        if pos < sinks:
            sink_part.append(x)
            evicted.append(-1)
            continue
        recent.append(x)
        if len(recent) > window:
            evicted.append(recent.popleft())  # may be x itself when window == 0
        else:
            evicted.append(-1)
    return [sink_part + list(recent), evicted]
