#include <cmath>
#include <vector>

// Linear warmup over W steps from base_lr / W, cosine from base_lr to min_lr until T, then min_lr.
std::vector<double> cosine_lr(const std::vector<long long>& steps, double base_lr, double min_lr,
                              long long warmup_steps, long long total_steps) {
    const double pi = std::acos(-1.0);
    std::vector<double> out;
    out.reserve(steps.size());
    for (long long s : steps) {
        if (s < warmup_steps) {
            out.push_back(base_lr * static_cast<double>(s + 1) / static_cast<double>(warmup_steps));
        } else if (s >= total_steps) {
            out.push_back(min_lr);
        } else {
            const double progress =
                static_cast<double>(s - warmup_steps) / static_cast<double>(total_steps - warmup_steps);
            out.push_back(min_lr + 0.5 * (base_lr - min_lr) * (1.0 + std::cos(pi * progress)));
        }
    }
    return out;
}
