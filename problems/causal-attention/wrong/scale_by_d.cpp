// judge: causal-attention
// WRONG: divides scores by d instead of sqrt(d).
#include <bits/stdc++.h>
using namespace std;

vector<vector<double>> causal_attention(const vector<vector<double>>& q, const vector<vector<double>>& k,
                                        const vector<vector<double>>& v) {
    size_t n = q.size();
    vector<vector<double>> out;
    if (n == 0) return out;
    size_t d = q[0].size(), dv = v[0].size();
    for (size_t i = 0; i < n; ++i) {
        vector<double> s(i + 1);
        double m = -INFINITY;
        for (size_t j = 0; j <= i; ++j) {
            double dot = 0;
            for (size_t c = 0; c < d; ++c) dot += q[i][c] * k[j][c];
            s[j] = dot / d;
            m = max(m, s[j]);
        }
        double z = 0;
        vector<double> row(dv, 0.0);
        for (size_t j = 0; j <= i; ++j) {
            double w = exp(s[j] - m);
            z += w;
            for (size_t c = 0; c < dv; ++c) row[c] += w * v[j][c];
        }
        for (double& x : row) x /= z;
        out.push_back(row);
    }
    return out;
}
