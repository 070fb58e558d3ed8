// Known-wrong: never stops at EOS, always generates max_len tokens.
#include <vector>

std::vector<long long> greedy_decode(const std::vector<std::vector<double>>& scores, long long bos, long long eos,
                                     long long max_len) {
    (void)eos;
    std::vector<long long> out;
    long long prev = bos;
    while (static_cast<long long>(out.size()) < max_len) {
        const std::vector<double>& row = scores[prev];
        long long best = 0;
        for (std::size_t b = 1; b < row.size(); ++b) {
            if (row[b] > row[best]) best = static_cast<long long>(b);
        }
        prev = best;
        out.push_back(prev);
    }
    return out;
}
