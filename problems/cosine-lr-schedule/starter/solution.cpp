// judge: cosine-lr-schedule
#include <bits/stdc++.h>
using namespace std;

// int -> long long, float -> double, list[int] -> vector<long long>, list[float] -> vector<double>.
vector<double> cosine_lr(const vector<long long>& steps, double base_lr, double min_lr, long long warmup_steps,
                         long long total_steps) {
    return {};
}
