// Known-wrong: single-precision float for logits, weights and sums.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

long long sample_top_p(const std::vector<double>& logits64, double p, double temperature, double u) {
    const long long n = static_cast<long long>(logits64.size());
    std::vector<float> logits(logits64.begin(), logits64.end());
    const float t = static_cast<float>(temperature);
    std::vector<long long> order(n);
    std::iota(order.begin(), order.end(), 0LL);
    std::sort(order.begin(), order.end(), [&](long long a, long long b) {
        return logits[a] != logits[b] ? logits[a] > logits[b] : a < b;
    });
    const float top = logits[order[0]];
    std::vector<float> w(n);
    float total = 0.0f;
    for (long long j = 0; j < n; ++j) {
        w[j] = std::exp((logits[order[j]] - top) / t);
        total += w[j];
    }
    long long s = 0;
    float cumulative = 0.0f;
    while (s < n && cumulative < static_cast<float>(p)) cumulative += w[s++] / total;
    float kept = 0.0f;
    for (long long j = 0; j < s; ++j) kept += w[j];
    cumulative = 0.0f;
    for (long long j = 0; j < s; ++j) {
        cumulative += w[j] / kept;
        if (cumulative > static_cast<float>(u)) return order[j];
    }
    for (long long j = s; j-- > 0;) {
        if (w[j] > 0.0f) return order[j];
    }
    return order[0];
}
