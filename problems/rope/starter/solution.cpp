// judge: rope
#include <bits/stdc++.h>
using namespace std;

// int -> long long, float -> double, list[list[float]] -> vector<vector<double>>.
vector<vector<double>> rope(const vector<vector<double>>& x, long long offset, double base) {
    return {};
}
