// judge: grpo-advantages
#include <bits/stdc++.h>
using namespace std;

// int -> long long, float -> double, list[float] -> vector<double>.
vector<double> grpo_advantages(const vector<double>& rewards, long long group_size, double eps) {
    return {};
}
