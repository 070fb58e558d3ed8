#include <cmath>
#include <vector>

// torch.optim.Adam, one step: bias-corrected moments, eps outside the square root.
std::vector<std::vector<double>> adam_step(const std::vector<double>& params, const std::vector<double>& grads,
                                           const std::vector<double>& m, const std::vector<double>& v,
                                           long long t, double lr, double beta1, double beta2, double eps) {
    const double bc1 = 1.0 - std::pow(beta1, static_cast<double>(t));
    const double bc2 = 1.0 - std::pow(beta2, static_cast<double>(t));
    const size_t n = params.size();
    std::vector<std::vector<double>> out(3, std::vector<double>(n));
    for (size_t i = 0; i < n; ++i) {
        const double g = grads[i];
        const double mi = beta1 * m[i] + (1.0 - beta1) * g;
        const double vi = beta2 * v[i] + (1.0 - beta2) * g * g;
        out[0][i] = params[i] - lr * (mi / bc1) / (std::sqrt(vi / bc2) + eps);
        out[1][i] = mi;
        out[2][i] = vi;
    }
    return out;
}
