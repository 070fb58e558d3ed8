#include <cmath>
#include <vector>

// Scaled mean square: rms = s * sqrt(mean((v/s)^2) + eps/s^2) when s = max|v| is large.
std::vector<std::vector<double>> rms_norm(const std::vector<std::vector<double>>& x,
                                          const std::vector<double>& weight, double eps) {
    std::vector<std::vector<double>> out;
    out.reserve(x.size());
    for (const auto& row : x) {
        const double d = static_cast<double>(row.size());
        double s = 0.0;
        for (double v : row) s = std::fmax(s, std::fabs(v));
        std::vector<double> y(row.size(), 0.0);
        if (s > 0.0) {
            double rms;
            if (s <= 1e100) {
                double sq = 0.0;
                for (double v : row) sq += v * v;
                rms = std::sqrt(sq / d + eps);
            } else {
                double sq = 0.0;
                for (double v : row) sq += (v / s) * (v / s);
                rms = s * std::sqrt(sq / d + (eps / s) / s);
            }
            for (size_t j = 0; j < row.size(); ++j) y[j] = row[j] / rms * weight[j];
        }
        out.push_back(std::move(y));
    }
    return out;
}
