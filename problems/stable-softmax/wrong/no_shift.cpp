// Known-wrong: no max shift; exp(1e4) = inf and inf / inf = nan.
#include <cmath>
#include <vector>

std::vector<double> softmax(const std::vector<double>& logits) {
    std::vector<double> p(logits.size());
    double total = 0.0;
    for (std::size_t i = 0; i < logits.size(); ++i) {
        p[i] = std::exp(logits[i]);
        total += p[i];
    }
    for (double& v : p) v /= total;
    return p;
}
