# Known wrong: updating an existing key keeps its old recency (OrderedDict
# assignment does not move the key).
from collections import OrderedDict


def lru_cache(ops: list[str], args: list[list[int]], capacity: int) -> list[int]:
    cache = OrderedDict()  # least recently used first
    out = []
    for op, a in zip(ops, args):
        if op == "get":
            key = a[0]
            if key in cache:
                cache.move_to_end(key)
                out.append(cache[key])
            else:
                out.append(-1)
        else:  # "put"
            key, value = a
            out.append(-1)
            if key in cache:
                cache[key] = value
            elif capacity > 0:
                if len(cache) == capacity:
                    cache.popitem(last=False)
                cache[key] = value
    return out
