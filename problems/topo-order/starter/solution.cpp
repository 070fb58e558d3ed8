// judge: topo-order
#include <bits/stdc++.h>
using namespace std;

// int -> long long, list[list[int]] -> vector<vector<long long>>; parameters may be const&.
vector<long long> topo_order(long long n, const vector<vector<long long>>& edges) {
    // Return the topological order that always takes the smallest available
    // node, or {} if the graph has a cycle.
    return {};
}
