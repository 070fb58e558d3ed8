// judge: top-k-sampling
#include <bits/stdc++.h>
using namespace std;

// float -> double, int -> long long, list[float] -> vector<double>.
long long sample_top_k(const vector<double>& logits, long long k, double temperature, double u) {
    return 0;
}
