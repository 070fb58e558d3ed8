// judge: greedy-decode
#include <bits/stdc++.h>
using namespace std;

// float -> double, int -> long long, list[T] -> vector<T>.
vector<long long> greedy_decode(const vector<vector<double>>& scores, long long bos, long long eos, long long max_len) {
    return {};
}
