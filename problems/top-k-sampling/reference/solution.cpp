#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

long long sample_top_k(const std::vector<double>& logits, long long k, double temperature, double u) {
    const long long n = static_cast<long long>(logits.size());
    if (k <= 0 || k > n) k = n;
    std::vector<long long> order(n);
    std::iota(order.begin(), order.end(), 0LL);
    auto before = [&](long long a, long long b) {
        return logits[a] != logits[b] ? logits[a] > logits[b] : a < b;
    };
    std::partial_sort(order.begin(), order.begin() + k, order.end(), before);
    order.resize(k);
    const double top = logits[order[0]];
    std::vector<double> w(k);
    double total = 0.0;
    for (long long j = 0; j < k; ++j) {
        w[j] = std::exp((logits[order[j]] - top) / temperature);
        total += w[j];
    }
    double cumulative = 0.0;
    for (long long j = 0; j < k; ++j) {
        cumulative += w[j] / total;
        if (cumulative > u) return order[j];
    }
    return order[k - 1];
}
