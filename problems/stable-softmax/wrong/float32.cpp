// Known-wrong: single-precision float throughout (shifted, so no overflow).
#include <algorithm>
#include <cmath>
#include <vector>

std::vector<double> softmax(const std::vector<double>& logits) {
    if (logits.empty()) return {};
    std::vector<float> x(logits.begin(), logits.end());
    const float m = *std::max_element(x.begin(), x.end());
    std::vector<float> e(x.size());
    float total = 0.0f;
    for (std::size_t i = 0; i < x.size(); ++i) {
        e[i] = std::exp(x[i] - m);
        total += e[i];
    }
    std::vector<double> p(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) p[i] = e[i] / total;
    return p;
}
