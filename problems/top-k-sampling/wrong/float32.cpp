// Known-wrong: single-precision float for logits, weights and sums. Close
// logits become equal and the cumulative sum drifts far beyond 1e-9.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

long long sample_top_k(const std::vector<double>& logits64, long long k, double temperature, double u) {
    const long long n = static_cast<long long>(logits64.size());
    std::vector<float> logits(logits64.begin(), logits64.end());
    const float t = static_cast<float>(temperature);
    if (k <= 0 || k > n) k = n;
    std::vector<long long> order(n);
    std::iota(order.begin(), order.end(), 0LL);
    std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](long long a, long long b) {
        return logits[a] != logits[b] ? logits[a] > logits[b] : a < b;
    });
    order.resize(k);
    const float top = logits[order[0]];
    std::vector<float> w(k);
    float total = 0.0f;
    for (long long j = 0; j < k; ++j) {
        w[j] = std::exp((logits[order[j]] - top) / t);
        total += w[j];
    }
    float cumulative = 0.0f;
    for (long long j = 0; j < k; ++j) {
        cumulative += w[j] / total;
        if (cumulative > static_cast<float>(u)) return order[j];
    }
    for (long long j = k; j-- > 0;) {
        if (w[j] > 0.0f) return order[j];
    }
    return order[0];
}
