// judge: rope
// WRONG: inverse frequencies and angles in float32 (as a float32 tensor would).
#include <bits/stdc++.h>
using namespace std;

vector<vector<double>> rope(const vector<vector<double>>& x, long long offset, double base) {
    vector<vector<double>> out;
    for (size_t t = 0; t < x.size(); ++t) {
        const auto& row = x[t];
        size_t d = row.size();
        float p = (float)(offset + (long long)t);
        vector<double> y(d);
        for (size_t i = 0; i < d / 2; ++i) {
            float inv = 1.0f / powf((float)base, (float)(2 * i) / (float)d);
            float a = p * inv;
            double c = cosf(a), s = sinf(a);
            y[2 * i] = row[2 * i] * c - row[2 * i + 1] * s;
            y[2 * i + 1] = row[2 * i] * s + row[2 * i + 1] * c;
        }
        out.push_back(y);
    }
    return out;
}
