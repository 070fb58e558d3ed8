"""Generator of this problem's cases (deterministic): python3 gen.py

Writes cases/sample/*.{in,ans} and cases/hidden/*.{in,ans}; the expected
values come from the reference solution.
"""
import json
import os
import random
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "reference"))
from solution import topo_order  # noqa: E402

rng = random.Random(20261208)


def write(group, name, n, edges):
    d = os.path.join(HERE, "cases", group)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".in"), "w") as f:
        f.write(json.dumps([n, edges], separators=(",", ":")) + "\n")
    with open(os.path.join(d, name + ".ans"), "w") as f:
        f.write(json.dumps(topo_order(n, edges), separators=(",", ":")) + "\n")


def random_dag(n, m):
    """m edges that all go forward in a random permutation of the nodes."""
    perm = list(range(n))
    rng.shuffle(perm)
    edges = []
    for _ in range(m):
        a, b = rng.randrange(n), rng.randrange(n)
        while a == b:
            b = rng.randrange(n)
        if a > b:
            a, b = b, a
        edges.append([perm[a], perm[b]])
    return edges


write("sample", "01-example", 6, [[5, 2], [5, 0], [4, 0], [4, 1], [2, 3], [3, 1]])
write("sample", "02-cycle", 3, [[0, 1], [1, 2], [2, 0]])
write("sample", "03-no-edges", 4, [])

write("hidden", "01-empty", 0, [])
write("hidden", "02-single", 1, [])
write("hidden", "03-self-loop", 3, [[0, 1], [2, 2]])
write("hidden", "04-duplicate-edges", 4, [[3, 1], [3, 1], [2, 1], [3, 1], [0, 2]])
write("hidden", "05-reverse-chain", 6, [[5, 4], [4, 3], [3, 2], [2, 1], [1, 0]])
# FIFO order differs: 0 frees 5, which is queued before the later-freed 1.
write("hidden", "06-heap-not-fifo", 6, [[0, 5], [2, 1], [0, 2], [3, 4]])
write("hidden", "07-dfs-differs", 4, [[0, 3], [1, 2]])
write("hidden", "08-cycle-after-prefix", 6, [[0, 1], [1, 2], [3, 4], [4, 5], [5, 3]])
write("hidden", "09-two-node-cycle", 2, [[0, 1], [1, 0]])
write("hidden", "10-random-small", 50, random_dag(50, 120))
edges = random_dag(300, 900)
edges.append(list(reversed(edges[rng.randrange(len(edges))])))
write("hidden", "11-random-with-cycle", 300, edges)
e = random_dag(2000, 4000)
write("hidden", "12-random-duplicates", 2000, e + rng.sample(e, 1500))
# Large: random DAG, and a long reverse chain where every ready node is the
# largest one left (an O(n^2) scan does n^2/2 steps).
write("hidden", "13-large-random", 80_000, random_dag(80_000, 100_000))
n = 40_000
write("hidden", "14-large-reverse-chain", n, [[v, v - 1] for v in range(n - 1, 0, -1)])
