// judge: adam-step
// WRONG: the Adam paper's "efficient" rearrangement, which effectively scales eps.
#include <bits/stdc++.h>
using namespace std;

vector<vector<double>> adam_step(const vector<double>& params, const vector<double>& grads,
                                 const vector<double>& m, const vector<double>& v, long long t,
                                 double lr, double beta1, double beta2, double eps) {
    double alpha = lr * sqrt(1 - pow(beta2, (double)t)) / (1 - pow(beta1, (double)t));
    size_t n = params.size();
    vector<vector<double>> out(3, vector<double>(n));
    for (size_t i = 0; i < n; ++i) {
        double mi = beta1 * m[i] + (1 - beta1) * grads[i];
        double vi = beta2 * v[i] + (1 - beta2) * grads[i] * grads[i];
        out[0][i] = params[i] - alpha * mi / (sqrt(vi) + eps);
        out[1][i] = mi;
        out[2][i] = vi;
    }
    return out;
}
