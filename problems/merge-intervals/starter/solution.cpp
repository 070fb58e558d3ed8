// judge: merge-intervals
#include <bits/stdc++.h>
using namespace std;

// int -> long long, list[list[int]] -> vector<vector<long long>>; parameters may be const&.
vector<vector<long long>> merge_intervals(vector<vector<long long>> intervals) {
    // Merge overlapping or touching closed intervals; return them sorted by start.
    return {};
}
