#include <algorithm>
#include <cmath>
#include <vector>

double cross_entropy(const std::vector<std::vector<double>>& logits, const std::vector<long long>& targets) {
    const long long kIgnoreIndex = -100;
    double total = 0.0;
    long long count = 0;
    for (std::size_t r = 0; r < logits.size(); ++r) {
        if (targets[r] == kIgnoreIndex) continue;
        const std::vector<double>& row = logits[r];
        const double m = *std::max_element(row.begin(), row.end());
        double s = 0.0;
        for (double x : row) s += std::exp(x - m);  // s >= 1
        total += m + std::log(s) - row[targets[r]];
        ++count;
    }
    return count ? total / count : 0.0;
}
