#include <vector>
long long longest_clean_span(const std::vector<long long>& tokens, const std::vector<long long>& banned) {
    // O(n * m) scan of the banned list for every token.
    long long best = 0, run = 0;
    for (long long t : tokens) {
        bool is_banned = false;
        for (long long b : banned) {
            if (b == t) { is_banned = true; break; }
        }
        run = is_banned ? 0 : run + 1;
        if (run > best) best = run;
    }
    return best;
}
