// judge: log-softmax-cross-entropy
#include <bits/stdc++.h>
using namespace std;

// float -> double, int -> long long, list[T] -> vector<T>.
double cross_entropy(const vector<vector<double>>& logits, const vector<long long>& targets) {
    return 0.0;
}
