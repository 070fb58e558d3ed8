// judge: top-p-sampling
#include <bits/stdc++.h>
using namespace std;

// float -> double, int -> long long, list[float] -> vector<double>.
long long sample_top_p(const vector<double>& logits, double p, double temperature, double u) {
    return 0;
}
