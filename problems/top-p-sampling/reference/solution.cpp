#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <vector>

// Exact arithmetic over the float64 weights: every weight w in [0, 1] is
// M * 2^(e - 53) with M < 2^53 and e >= -1073 (frexp), so after scaling by a
// power of two all cumulative sums are integers, kept here in 64-bit limbs.
namespace {

struct BigUint {
    std::vector<std::uint64_t> limb;  // little-endian
    explicit BigUint(std::size_t bits) : limb(bits / 64 + 2, 0) {}

    // this += m * 2^shift
    void add_shifted(std::uint64_t m, int shift) {
        const std::size_t at = static_cast<std::size_t>(shift / 64);
        const int off = shift % 64;
        const std::uint64_t parts[2] = {m << off, off ? (m >> (64 - off)) : 0};
        for (int p = 0; p < 2; ++p) {
            std::uint64_t add = parts[p];
            for (std::size_t i = at + p; add != 0; ++i) {
                const std::uint64_t before = limb.at(i);
                limb[i] = before + add;
                add = limb[i] < before ? 1 : 0;
            }
        }
    }

    void multiply(std::uint64_t factor) {
        unsigned __int128 carry = 0;
        for (auto& x : limb) {
            const unsigned __int128 v = static_cast<unsigned __int128>(x) * factor + carry;
            x = static_cast<std::uint64_t>(v);
            carry = v >> 64;
        }
        if (carry != 0) throw std::overflow_error("BigUint too small");
    }

    // -1, 0, 1 as this <, ==, > o
    int compare(const BigUint& o) const {
        for (std::size_t i = limb.size(); i-- > 0;) {
            if (limb[i] != o.limb[i]) return limb[i] > o.limb[i] ? 1 : -1;
        }
        return 0;
    }
};

// Weights w_j = mant[j] * 2^(expo[j] - 53). Returns the first j < count with
// (w_0 + ... + w_j) > x * (w_0 + ... + w_{count-1})  (or >= when !strict),
// in exact arithmetic; count when there is none. 0 <= x <= 1.
std::size_t first_crossing(const std::vector<std::uint64_t>& mant, const std::vector<int>& expo,
                           std::size_t count, double x, bool strict) {
    int ex = 0;
    const std::uint64_t xm = static_cast<std::uint64_t>(std::ldexp(std::frexp(x, &ex), 53));
    // x = xm * 2^(ex - 53). Scale  C_j ? x * W  by 2^(1073 + 53 - ex):
    //   C_j' = sum M_i 2^(e_i + 1073 + 53 - ex),   rhs = xm * sum M_i 2^(e_i + 1073).
    const int bits = 1073 + 53 - ex + 53 + 20 + 64;
    BigUint rhs(bits), cumulative(bits);
    for (std::size_t j = 0; j < count; ++j) {
        if (mant[j] != 0) rhs.add_shifted(mant[j], expo[j] + 1073);
    }
    rhs.multiply(xm);
    for (std::size_t j = 0; j < count; ++j) {
        if (mant[j] != 0) cumulative.add_shifted(mant[j], expo[j] + 1073 + 53 - ex);
        const int c = cumulative.compare(rhs);
        if (c > 0 || (!strict && c == 0)) return j;
    }
    return count;
}

}  // namespace

long long sample_top_p(const std::vector<double>& logits, double p, double temperature, double u) {
    const std::size_t n = logits.size();
    std::vector<long long> order(n);
    std::iota(order.begin(), order.end(), 0LL);
    // Descending logit, ties (0.0 == -0.0 included) by smaller index.
    std::sort(order.begin(), order.end(), [&](long long a, long long b) {
        return logits[a] != logits[b] ? logits[a] > logits[b] : a < b;
    });
    const double top = logits[order[0]];
    std::vector<std::uint64_t> mant(n);
    std::vector<int> expo(n);
    for (std::size_t j = 0; j < n; ++j) {
        int e = 0;
        const double f = std::frexp(std::exp((logits[order[j]] - top) / temperature), &e);
        mant[j] = static_cast<std::uint64_t>(std::ldexp(f, 53));  // 0 when the weight is 0
        expo[j] = e;
    }
    // Nucleus: the shortest prefix whose exact cumulative weight is >= p * W.
    const std::size_t last = first_crossing(mant, expo, n, p, /*strict=*/false);
    const std::size_t s = std::min(last, n - 1) + 1;
    const std::size_t j = first_crossing(mant, expo, s, u, /*strict=*/true);
    return order[std::min(j, s - 1)];  // j < s always: u < 1
}
