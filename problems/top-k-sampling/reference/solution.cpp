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
        std::size_t at = static_cast<std::size_t>(shift / 64);
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

    bool greater_than(const BigUint& o) const {
        for (std::size_t i = limb.size(); i-- > 0;) {
            if (limb[i] != o.limb[i]) return limb[i] > o.limb[i];
        }
        return false;
    }
};

}  // namespace

long long sample_top_k(const std::vector<double>& logits, long long k, double temperature, double u) {
    const long long n = static_cast<long long>(logits.size());
    if (k <= 0 || k > n) k = n;
    std::vector<long long> order(n);
    std::iota(order.begin(), order.end(), 0LL);
    // Descending logit, ties (0.0 == -0.0 included) by smaller index.
    auto before = [&](long long a, long long b) {
        return logits[a] != logits[b] ? logits[a] > logits[b] : a < b;
    };
    std::partial_sort(order.begin(), order.begin() + k, order.end(), before);
    order.resize(k);
    if (u == 0.0) return order[0];  // the top weight is exp(0) = 1 > 0

    const double top = logits[order[0]];
    std::vector<std::uint64_t> mant(k);
    std::vector<int> expo(k);
    for (long long j = 0; j < k; ++j) {
        const double w = std::exp((logits[order[j]] - top) / temperature);
        int e = 0;
        const double f = std::frexp(w, &e);
        mant[j] = static_cast<std::uint64_t>(std::ldexp(f, 53));  // 0 when w == 0
        expo[j] = e;
    }
    int eu = 0;
    const std::uint64_t um = static_cast<std::uint64_t>(std::ldexp(std::frexp(u, &eu), 53));
    // u = um * 2^(eu - 53). Scale both sides of  C_j > u * W  by 2^(1127 - eu):
    //   C_j' = sum_{i<=j} M_i 2^(e_i + 1127 - eu),   rhs = um * sum_i M_i 2^(e_i + 1074).
    const int bits = 1127 - eu + 53 + 20 + 64;
    BigUint rhs(bits), cumulative(bits);
    for (long long j = 0; j < k; ++j) {
        if (mant[j] != 0) rhs.add_shifted(mant[j], expo[j] + 1074);
    }
    rhs.multiply(um);
    for (long long j = 0; j < k; ++j) {
        if (mant[j] == 0) continue;  // weight 0 never crosses u
        cumulative.add_shifted(mant[j], expo[j] + 1127 - eu);
        if (cumulative.greater_than(rhs)) return order[j];
    }
    return order[k - 1];  // unreachable: u < 1 and the top weight is 1
}
