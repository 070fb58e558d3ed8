// judge: rms-norm
// WRONG: subtracts the row mean (that is LayerNorm, not RMSNorm).
#include <bits/stdc++.h>
using namespace std;

vector<vector<double>> rms_norm(const vector<vector<double>>& x, const vector<double>& weight, double eps) {
    vector<vector<double>> out;
    for (const auto& row : x) {
        double d = row.size(), s = 0, mx = 0;
        for (double v : row) { s += v; mx = max(mx, fabs(v)); }
        double mean = s / d;
        vector<double> y(row.size(), 0.0);
        if (mx > 0) {
            double sq = 0;
            for (double v : row) sq += ((v - mean) / mx) * ((v - mean) / mx);
            double rms = mx * sqrt(sq / d + eps / mx / mx);
            for (size_t j = 0; j < row.size(); ++j) y[j] = (row[j] - mean) / rms * weight[j];
        }
        out.push_back(y);
    }
    return out;
}
