#include <functional>
#include <queue>
#include <vector>

std::vector<long long> topo_order(long long n, const std::vector<std::vector<long long>>& edges) {
    std::vector<std::vector<long long>> adj(n);
    std::vector<long long> indeg(n, 0);
    for (const auto& e : edges) {  // duplicates are kept: each copy counts once in indeg
        adj[e[0]].push_back(e[1]);
        ++indeg[e[1]];
    }
    std::priority_queue<long long, std::vector<long long>, std::greater<long long>> heap;
    for (long long v = 0; v < n; ++v)
        if (indeg[v] == 0) heap.push(v);
    std::vector<long long> order;
    order.reserve(n);
    while (!heap.empty()) {
        const long long u = heap.top();  // the smallest available node
        heap.pop();
        order.push_back(u);
        for (long long v : adj[u])
            if (--indeg[v] == 0) heap.push(v);
    }
    if ((long long)order.size() != n) return {};  // some node never became free: a cycle
    return order;
}
