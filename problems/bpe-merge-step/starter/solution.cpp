// judge: bpe-merge-step
#include <bits/stdc++.h>
using namespace std;

// str -> string, list[str] -> vector<string>; parameters may be const&.
vector<string> merge_pair(const vector<string>& tokens, const string& left, const string& right) {
    // Replace every non-overlapping (left, right) pair, left to right, by left + right.
    return {};
}
