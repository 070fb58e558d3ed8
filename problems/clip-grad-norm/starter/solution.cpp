// judge: clip-grad-norm
#include <bits/stdc++.h>
using namespace std;

// float -> double, list[list[float]] -> vector<vector<double>>.
vector<vector<double>> clip_grad_norm(const vector<vector<double>>& grads, double max_norm, double eps) {
    return {};
}
