// judge: cosine-lr-schedule
// WRONG: integer division for the progress.
#include <bits/stdc++.h>
using namespace std;

vector<double> cosine_lr(const vector<long long>& steps, double base_lr, double min_lr, long long warmup_steps,
                         long long total_steps) {
    vector<double> out;
    for (long long s : steps) {
        if (s < warmup_steps) out.push_back(base_lr * (s + 1) / warmup_steps);
        else if (s >= total_steps) out.push_back(min_lr);
        else {
            long long progress = (s - warmup_steps) / (total_steps - warmup_steps);
            out.push_back(min_lr + 0.5 * (base_lr - min_lr) * (1 + cos(M_PI * progress)));
        }
    }
    return out;
}
