# Known wrong (too slow): keeps the recency order in a Python list; remove()
# and pop(0) are O(capacity) per operation.
def lru_cache(ops: list[str], args: list[list[int]], capacity: int) -> list[int]:
    values = {}
    order = []  # least recently used first
    out = []
    for op, a in zip(ops, args):
        if op == "get":
            key = a[0]
            if key in values:
                order.remove(key)
                order.append(key)
                out.append(values[key])
            else:
                out.append(-1)
        else:
            key, value = a
            out.append(-1)
            if key in values:
                values[key] = value
                order.remove(key)
                order.append(key)
            elif capacity > 0:
                if len(order) == capacity:
                    del values[order.pop(0)]
                values[key] = value
                order.append(key)
    return out
