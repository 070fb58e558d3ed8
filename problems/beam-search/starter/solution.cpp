// judge: beam-search
#include <bits/stdc++.h>
using namespace std;

// float -> double, int -> long long, bool -> bool, list[T] -> vector<T>.
vector<long long> beam_search(const vector<vector<double>>& logp, long long bos, long long eos, long long beam_width,
                              long long max_len, bool normalize) {
    return {};
}
