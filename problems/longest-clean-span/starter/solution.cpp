// judge: longest-clean-span
#include <bits/stdc++.h>
using namespace std;

// int -> long long, list[int] -> vector<long long>; parameters may be const&.
long long longest_clean_span(const vector<long long>& tokens, const vector<long long>& banned) {
    // Return the length of the longest run of tokens containing no banned id.
    return 0;
}
