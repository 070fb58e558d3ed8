#include <vector>

std::vector<long long> greedy_decode(const std::vector<std::vector<double>>& scores, long long bos, long long eos,
                                     long long max_len) {
    // The argmax of each row, smallest id on ties (strict >); starting from
    // the first entry handles rows of negative or -inf scores.
    std::vector<long long> best(scores.size(), 0);
    for (std::size_t a = 0; a < scores.size(); ++a) {
        for (std::size_t b = 1; b < scores[a].size(); ++b) {
            if (scores[a][b] > scores[a][best[a]]) best[a] = static_cast<long long>(b);
        }
    }
    std::vector<long long> out;
    long long prev = bos;
    while (static_cast<long long>(out.size()) < max_len) {
        prev = best[prev];
        out.push_back(prev);
        if (prev == eos) break;
    }
    return out;
}
