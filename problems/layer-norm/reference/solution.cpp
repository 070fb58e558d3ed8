#include <cmath>
#include <vector>

// Two-pass mean/variance in double; population variance (divide by d).
std::vector<std::vector<double>> layer_norm(const std::vector<std::vector<double>>& x,
                                            const std::vector<double>& gamma,
                                            const std::vector<double>& beta, double eps) {
    std::vector<std::vector<double>> out;
    out.reserve(x.size());
    for (const auto& row : x) {
        const double d = static_cast<double>(row.size());
        double sum = 0.0;
        for (double v : row) sum += v;
        const double mean = sum / d;
        double sq = 0.0;
        for (double v : row) sq += (v - mean) * (v - mean);
        const double inv = 1.0 / std::sqrt(sq / d + eps);
        std::vector<double> y(row.size());
        for (size_t j = 0; j < row.size(); ++j) y[j] = (row[j] - mean) * inv * gamma[j] + beta[j];
        out.push_back(std::move(y));
    }
    return out;
}
