#include <unordered_set>
#include <vector>

long long longest_clean_span(const std::vector<long long>& tokens, const std::vector<long long>& banned) {
    std::unordered_set<long long> bad;
    bad.reserve(banned.size() * 2 + 1);
    bad.insert(banned.begin(), banned.end());
    long long best = 0, run = 0;
    for (long long t : tokens) {
        if (bad.count(t)) {
            run = 0;
        } else if (++run > best) {
            best = run;
        }
    }
    return best;
}
