#include <algorithm>
#include <cmath>
#include <vector>

std::vector<double> softmax(const std::vector<double>& logits) {
    if (logits.empty()) return {};
    const double m = *std::max_element(logits.begin(), logits.end());  // finite
    std::vector<double> p(logits.size());
    double total = 0.0;
    for (std::size_t i = 0; i < logits.size(); ++i) {
        p[i] = std::exp(logits[i] - m);  // exp(-inf) == 0; the largest term is 1
        total += p[i];
    }
    for (double& v : p) v /= total;
    return p;
}
