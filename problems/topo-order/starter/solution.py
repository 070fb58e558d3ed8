# judge: topo-order
def topo_order(n: int, edges: list[list[int]]) -> list[int]:
    # Return the topological order that always takes the smallest available
    # node, or [] if the graph has a cycle.
    raise NotImplementedError
