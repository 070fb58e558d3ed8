# Known wrong: reverse DFS postorder (visiting smaller nodes first) is a
# topological order, but not the lexicographically smallest one.
import sys


def topo_order(n: int, edges: list[list[int]]) -> list[int]:
    sys.setrecursionlimit(1_000_000)
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
    for a in adj:
        a.sort()
    state = [0] * n  # 0 new, 1 on stack, 2 done
    post = []
    cyclic = False

    def dfs(u):
        nonlocal cyclic
        state[u] = 1
        for v in adj[u]:
            if state[v] == 1:
                cyclic = True
            elif state[v] == 0:
                dfs(v)
        state[u] = 2
        post.append(u)

    for u in range(n):
        if state[u] == 0:
            dfs(u)
    return [] if cyclic else post[::-1]
