// judge: moe-gating
#include <bits/stdc++.h>
using namespace std;

// float -> double, int -> long long, list[list[float]] -> vector<vector<double>>; parameters may be const&.
vector<vector<double>> moe_gate(const vector<vector<double>>& logits, long long k, long long capacity) {
    // Return the T x E combine weights: softmax over each token's top-k experts,
    // 0 for experts not chosen or whose capacity was already used up.
    return {};
}
