# Known wrong: on a cycle returns the nodes ordered so far instead of [].
import heapq


def topo_order(n: int, edges: list[list[int]]) -> list[int]:
    adj = [[] for _ in range(n)]
    indeg = [0] * n
    for u, v in edges:  # duplicates are kept: each copy counts once in indeg
        adj[u].append(v)
        indeg[v] += 1
    heap = [v for v in range(n) if indeg[v] == 0]  # ascending, so already a heap
    order = []
    while heap:
        u = heapq.heappop(heap)  # the smallest available node
        order.append(u)
        for v in adj[u]:
            indeg[v] -= 1
            if indeg[v] == 0:
                heapq.heappush(heap, v)
    return order
