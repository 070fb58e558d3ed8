# Known wrong: keys the cache by token id (an OrderedDict), so a repeated id
# collapses two positions into one entry.
from collections import OrderedDict


def kv_cache_window(ids: list[int], window: int, sinks: int) -> list[list[int]]:
    sink_part = []
    recent = OrderedDict()
    evicted = []
    for pos, x in enumerate(ids):
        if pos < sinks:
            sink_part.append(x)
            evicted.append(-1)
            continue
        recent[x] = True
        recent.move_to_end(x)
        if len(recent) > window:
            evicted.append(recent.popitem(last=False)[0])
        else:
            evicted.append(-1)
    return [sink_part + list(recent), evicted]
