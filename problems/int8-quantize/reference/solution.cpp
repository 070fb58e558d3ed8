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
        // nearbyint rounds halves to even in the default rounding mode; clamp
        // first so the conversion to an integer never overflows.
        const double v = std::nearbyint(x[i] / scale);
        q[i] = static_cast<long long>(std::clamp(v, -127.0, 127.0));
    }
    return q;
}
