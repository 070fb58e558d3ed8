// judge: sliding-window-max
#include <bits/stdc++.h>
using namespace std;

// int -> long long, list[int] -> vector<long long>; parameters may be const&.
vector<long long> max_sliding_window(const vector<long long>& nums, long long k) {
    // Return the maximum of every window nums[i..i+k-1], i = 0 .. n-k.
    return {};
}
