// judge: top-k-sampling
#include <bits/stdc++.h>
using namespace std;

long long sample_top_k(const vector<double>& logits, long long k, double temperature, double u) {
    long long n = logits.size();
    if (k <= 0 || k > n) k = n;
    vector<long long> order(n);
    iota(order.begin(), order.end(), 0LL);
    partial_sort(order.begin(), order.begin() + k, order.end(), [&](long long a, long long b) {
        return logits[a] != logits[b] ? logits[a] > logits[b] : a < b;
    });
    order.resize(k);
    double top = logits[order[0]], total = 0;
    vector<double> w(k);
    for (long long j = 0; j < k; ++j) total += w[j] = exp((logits[order[j]] - top) / temperature);
    // Walk the cumulative probability; if rounding leaves u past the end,
    // the answer is the last kept token of positive probability.
    double c = 0;
    long long last = order[0];
    for (long long j = 0; j < k; ++j) {
        if (w[j] > 0) last = order[j];
        c += w[j] / total;
        if (c > u) return order[j];
    }
    return last;
}
