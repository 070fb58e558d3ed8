// judge: adam-step
#include <bits/stdc++.h>
using namespace std;

// int -> long long, float -> double, list[float] -> vector<double>.
// Returns {new_params, new_m, new_v}.
vector<vector<double>> adam_step(const vector<double>& params, const vector<double>& grads,
                                 const vector<double>& m, const vector<double>& v, long long t,
                                 double lr, double beta1, double beta2, double eps) {
    return {};
}
