// judge: stable-softmax
#include <bits/stdc++.h>
using namespace std;

// float -> double, list[float] -> vector<double>.
vector<double> softmax(const vector<double>& logits) {
    return {};
}
