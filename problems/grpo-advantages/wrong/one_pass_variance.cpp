// judge: grpo-advantages
// WRONG: one-pass variance (sum of squares minus G * mean^2).
#include <bits/stdc++.h>
using namespace std;

vector<double> grpo_advantages(const vector<double>& rewards, long long group_size, double eps) {
    size_t g = group_size;
    vector<double> out(rewards.size(), 0.0);
    for (size_t s = 0; s + g <= rewards.size(); s += g) {
        bool constant = true;
        double sum = 0, sq = 0;
        for (size_t i = s; i < s + g; ++i) {
            constant = constant && rewards[i] == rewards[s];
            sum += rewards[i];
            sq += rewards[i] * rewards[i];
        }
        if (constant) continue;
        double mean = sum / g;
        double var = (sq - g * mean * mean) / (g - 1);
        double denom = sqrt(max(var, 0.0)) + eps;
        for (size_t i = s; i < s + g; ++i) out[i] = (rewards[i] - mean) / denom;
    }
    return out;
}
