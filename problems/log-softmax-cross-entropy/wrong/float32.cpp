// Known-wrong: single-precision float for the log-sum-exp and the mean.
#include <algorithm>
#include <cmath>
#include <vector>

double cross_entropy(const std::vector<std::vector<double>>& logits, const std::vector<long long>& targets) {
    float total = 0.0f;
    long long count = 0;
    for (std::size_t r = 0; r < logits.size(); ++r) {
        if (targets[r] == -100) continue;
        std::vector<float> row(logits[r].begin(), logits[r].end());
        const float m = *std::max_element(row.begin(), row.end());
        float s = 0.0f;
        for (float x : row) s += std::exp(x - m);
        total += m + std::log(s) - row[targets[r]];
        ++count;
    }
    return count ? total / count : 0.0;
}
