// Known wrong: a block-based O(n) method (prefix/suffix maxima per block of k)
// that starts each block from the sentinel -1e9, below which values exist.
#include <algorithm>
#include <vector>

std::vector<long long> max_sliding_window(const std::vector<long long>& nums, long long k) {
    const long long n = (long long)nums.size();
    const long long SENTINEL = -1000000000LL;
    std::vector<long long> pre(n), suf(n), out;
    for (long long i = 0; i < n; ++i) {
        long long prev = (i % k == 0) ? SENTINEL : pre[i - 1];
        pre[i] = std::max(prev, nums[i]);
    }
    for (long long i = n - 1; i >= 0; --i) {
        long long next = (i == n - 1 || (i + 1) % k == 0) ? SENTINEL : suf[i + 1];
        suf[i] = std::max(next, nums[i]);
    }
    for (long long i = 0; i + k <= n; ++i) out.push_back(std::max(suf[i], pre[i + k - 1]));
    return out;
}
