#include <cmath>
#include <vector>

// Global L2 norm over all tensors, scaled by the largest magnitude when squares could overflow;
// scale by max_norm / (norm + eps) only when that is below 1.
std::vector<std::vector<double>> clip_grad_norm(const std::vector<std::vector<double>>& grads, double max_norm,
                                                double eps) {
    double s = 0.0;
    for (const auto& g : grads)
        for (double x : g) s = std::fmax(s, std::fabs(x));
    std::vector<std::vector<double>> out = grads;
    if (s == 0.0) return out;
    double sq = 0.0;
    for (const auto& g : grads)
        for (double x : g) sq += s <= 1e100 ? x * x : (x / s) * (x / s);
    const double norm = s <= 1e100 ? std::sqrt(sq) : s * std::sqrt(sq);
    const double coef = max_norm / (norm + eps);
    if (coef < 1.0)
        for (auto& g : out)
            for (double& x : g) x *= coef;
    return out;
}
