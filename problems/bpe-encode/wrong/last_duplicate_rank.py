# Known wrong: a pair listed twice gets the rank of its LAST occurrence.
import heapq


def bpe_encode(word: str, merges: list[list[str]]) -> list[str]:
    rank = {(l, r): i for i, (l, r) in enumerate(merges)}  # BUG: last occurrence wins
    n = len(word)
    # Doubly linked list of tokens; node i starts at character i, so node
    # order is position order and the smallest node id is the leftmost.
    tok = list(word)
    nxt = list(range(1, n + 1))
    prv = list(range(-1, n - 1))
    ver = [0] * n  # bumped whenever tok[i] changes
    alive = [True] * n
    heap = []

    def push(i):
        j = nxt[i]
        if j < n:
            r = rank.get((tok[i], tok[j]))
            if r is not None:
                heapq.heappush(heap, (r, i, ver[i], j, ver[j]))

    for i in range(n - 1):
        push(i)
    while heap:
        r, i, vi, j, vj = heapq.heappop(heap)
        # Skip entries made stale by earlier merges.
        if not alive[i] or ver[i] != vi or nxt[i] != j or ver[j] != vj:
            continue
        tok[i] += tok[j]
        ver[i] += 1
        alive[j] = False
        nxt[i] = nxt[j]
        if nxt[j] < n:
            prv[nxt[j]] = i
        if prv[i] >= 0:
            push(prv[i])
        push(i)
    return [tok[i] for i in range(n) if alive[i]]
