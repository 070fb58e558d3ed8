#include <cmath>
#include <vector>

// Per group of G consecutive rewards: two-pass mean and sample std (G - 1); constant groups give 0.
std::vector<double> grpo_advantages(const std::vector<double>& rewards, long long group_size, double eps) {
    const size_t g = static_cast<size_t>(group_size);
    std::vector<double> out(rewards.size(), 0.0);
    for (size_t start = 0; start + g <= rewards.size(); start += g) {
        bool constant = true;
        for (size_t i = start; i < start + g; ++i) constant = constant && rewards[i] == rewards[start];
        if (constant) continue;
        double sum = 0.0;
        for (size_t i = start; i < start + g; ++i) sum += rewards[i];
        const double mean = sum / static_cast<double>(g);
        double sq = 0.0;
        for (size_t i = start; i < start + g; ++i) sq += (rewards[i] - mean) * (rewards[i] - mean);
        const double denom = std::sqrt(sq / static_cast<double>(g - 1)) + eps;
        for (size_t i = start; i < start + g; ++i) out[i] = (rewards[i] - mean) / denom;
    }
    return out;
}
