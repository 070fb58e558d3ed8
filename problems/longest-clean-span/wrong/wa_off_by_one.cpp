#include <bits/stdc++.h>
using namespace std;
long long longest_clean_span(const vector<long long>& tokens, const vector<long long>& banned) {
    unordered_set<long long> bad(banned.begin(), banned.end());
    long long best = 0, run = 0;
    for (long long t : tokens) { run = bad.count(t) ? 0 : run + 1; best = max(best, run); }
    return tokens.empty() ? 0 : best + 1;  // off by one
}
