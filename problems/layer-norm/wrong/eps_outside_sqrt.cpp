// judge: layer-norm
// WRONG: (x - mean) / (sqrt(var) + eps).
#include <bits/stdc++.h>
using namespace std;

vector<vector<double>> layer_norm(const vector<vector<double>>& x, const vector<double>& gamma,
                                  const vector<double>& beta, double eps) {
    vector<vector<double>> out;
    for (const auto& row : x) {
        double d = row.size(), s = 0;
        for (double v : row) s += v;
        double mean = s / d, sq = 0;
        for (double v : row) sq += (v - mean) * (v - mean);
        double den = sqrt(sq / d) + eps;
        vector<double> y(row.size());
        for (size_t j = 0; j < row.size(); ++j) y[j] = (row[j] - mean) / den * gamma[j] + beta[j];
        out.push_back(y);
    }
    return out;
}
