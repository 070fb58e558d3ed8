# Known wrong (too slow): finds the smallest free node by scanning all nodes
# at every step, O(n^2).
def topo_order(n: int, edges: list[list[int]]) -> list[int]:
    adj = [[] for _ in range(n)]
    indeg = [0] * n
    for u, v in edges:
        adj[u].append(v)
        indeg[v] += 1
    done = [False] * n
    order = []
    for _ in range(n):
        u = next((v for v in range(n) if not done[v] and indeg[v] == 0), -1)
        if u < 0:
            return []
        done[u] = True
        order.append(u)
        for v in adj[u]:
            indeg[v] -= 1
    return order
