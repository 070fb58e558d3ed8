// Known-wrong: std::round rounds halves away from zero (2.5 -> 3), not to even.
#include <algorithm>
#include <cmath>
#include <vector>

std::vector<long long> int8_quantize(const std::vector<double>& x, double amax) {
    double r = amax;
    if (!(amax > 0)) {
        r = 0.0;
        for (double v : x) r = std::max(r, std::fabs(v));
    }
    std::vector<long long> q(x.size(), 0);
    if (r == 0.0) return q;
    const double scale = r / 127.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        q[i] = static_cast<long long>(std::clamp(std::round(x[i] / scale), -127.0, 127.0));
    }
    return q;
}
