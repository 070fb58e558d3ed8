// judge: rms-norm
#include <bits/stdc++.h>
using namespace std;

// float -> double, list[float] -> vector<double>, list[list[float]] -> vector<vector<double>>.
vector<vector<double>> rms_norm(const vector<vector<double>>& x, const vector<double>& weight, double eps) {
    return {};
}
