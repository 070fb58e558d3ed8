// judge: clip-grad-norm
// WRONG: no clamp at 1, so small gradients are scaled up to max_norm.
#include <bits/stdc++.h>
using namespace std;

vector<vector<double>> clip_grad_norm(const vector<vector<double>>& grads, double max_norm, double eps) {
    double s = 0;
    for (auto& g : grads) for (double x : g) s = max(s, fabs(x));
    vector<vector<double>> out = grads;
    if (s == 0) return out;
    double sq = 0;
    for (auto& g : grads) for (double x : g) sq += (x / s) * (x / s);
    double coef = max_norm / (s * sqrt(sq) + eps);
    for (auto& g : out) for (double& x : g) x *= coef;
    return out;
}
