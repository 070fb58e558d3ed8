# Known wrong: Kahn's algorithm with a FIFO queue, which is a valid order but
# not the one that always takes the smallest available node.
from collections import deque


def topo_order(n: int, edges: list[list[int]]) -> list[int]:
    adj = [[] for _ in range(n)]
    indeg = [0] * n
    for u, v in edges:  # duplicates are kept: each copy counts once in indeg
        adj[u].append(v)
        indeg[v] += 1
    heap = deque(v for v in range(n) if indeg[v] == 0)
    order = []
    while heap:
        u = heap.popleft()
        order.append(u)
        for v in adj[u]:
            indeg[v] -= 1
            if indeg[v] == 0:
                heap.append(v)
    return order if len(order) == n else []  # some node never became free: a cycle
