#include <cmath>
#include <vector>

// Interleaved pairs (2i, 2i+1) rotated by (offset + t) * base^(-2i/d), all in double.
std::vector<std::vector<double>> rope(const std::vector<std::vector<double>>& x, long long offset, double base) {
    std::vector<std::vector<double>> out;
    out.reserve(x.size());
    for (size_t t = 0; t < x.size(); ++t) {
        const auto& row = x[t];
        const size_t d = row.size();
        const double p = static_cast<double>(offset + static_cast<long long>(t));
        std::vector<double> y(d);
        for (size_t i = 0; i < d / 2; ++i) {
            const double theta = std::pow(base, -2.0 * static_cast<double>(i) / static_cast<double>(d));
            const double a = p * theta, c = std::cos(a), s = std::sin(a);
            y[2 * i] = row[2 * i] * c - row[2 * i + 1] * s;
            y[2 * i + 1] = row[2 * i] * s + row[2 * i + 1] * c;
        }
        out.push_back(std::move(y));
    }
    return out;
}
