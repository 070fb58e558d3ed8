// judge: bpe-encode
#include <bits/stdc++.h>
using namespace std;

// str -> string, list[list[str]] -> vector<vector<string>>; parameters may be const&.
vector<string> bpe_encode(const string& word, const vector<vector<string>>& merges) {
    // Start from single characters; repeatedly merge the adjacent pair of lowest
    // rank (index in merges), leftmost on ties, until no pair has a rank.
    return {};
}
