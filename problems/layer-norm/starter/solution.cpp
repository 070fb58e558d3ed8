// judge: layer-norm
#include <bits/stdc++.h>
using namespace std;

// float -> double, list[float] -> vector<double>, list[list[float]] -> vector<vector<double>>.
vector<vector<double>> layer_norm(const vector<vector<double>>& x, const vector<double>& gamma,
                                  const vector<double>& beta, double eps) {
    return {};
}
