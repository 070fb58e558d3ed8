// judge: lru-cache
#include <bits/stdc++.h>
using namespace std;

// str -> string, int -> long long, list[...] -> vector<...>; parameters may be const&.
vector<long long> lru_cache(const vector<string>& ops, const vector<vector<long long>>& args, long long capacity) {
    // Run the operations on an LRU cache; return one result per operation
    // (get: the value or -1; put: -1).
    return {};
}
