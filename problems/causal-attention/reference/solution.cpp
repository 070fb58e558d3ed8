#include <algorithm>
#include <cmath>
#include <vector>

// O(n^2 (d + dv)): stable softmax over j <= i of q_i . k_j / sqrt(d), then a weighted sum of v.
std::vector<std::vector<double>> causal_attention(const std::vector<std::vector<double>>& q,
                                                  const std::vector<std::vector<double>>& k,
                                                  const std::vector<std::vector<double>>& v) {
    const size_t n = q.size();
    std::vector<std::vector<double>> out;
    if (n == 0) return out;
    const size_t d = q[0].size(), dv = v[0].size();
    const double scale = 1.0 / std::sqrt(static_cast<double>(d));
    std::vector<double> s(n);
    for (size_t i = 0; i < n; ++i) {
        double m = -INFINITY;
        for (size_t j = 0; j <= i; ++j) {
            double dot = 0.0;
            for (size_t c = 0; c < d; ++c) dot += q[i][c] * k[j][c];
            s[j] = dot * scale;
            m = std::max(m, s[j]);
        }
        double z = 0.0;
        std::vector<double> row(dv, 0.0);
        for (size_t j = 0; j <= i; ++j) {
            const double w = std::exp(s[j] - m);
            z += w;
            for (size_t c = 0; c < dv; ++c) row[c] += w * v[j][c];
        }
        for (double& x : row) x /= z;
        out.push_back(std::move(row));
    }
    return out;
}
