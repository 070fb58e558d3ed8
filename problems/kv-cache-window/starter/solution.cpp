// judge: kv-cache-window
#include <bits/stdc++.h>
using namespace std;

// int -> long long, list[list[int]] -> vector<vector<long long>>; parameters may be const&.
vector<vector<long long>> kv_cache_window(const vector<long long>& ids, long long window, long long sinks) {
    // Return {final cache ids in stream order, id evicted by each append or -1}.
    return {};
}
