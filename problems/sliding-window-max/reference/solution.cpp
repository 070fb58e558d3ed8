#include <deque>
#include <vector>

std::vector<long long> max_sliding_window(const std::vector<long long>& nums, long long k) {
    std::deque<long long> dq;  // indices whose values decrease strictly from front to back
    std::vector<long long> out;
    const long long n = (long long)nums.size();
    for (long long i = 0; i < n; ++i) {
        while (!dq.empty() && nums[dq.back()] <= nums[i]) dq.pop_back();
        dq.push_back(i);
        if (dq.front() <= i - k) dq.pop_front();  // the front left the window [i-k+1, i]
        if (i >= k - 1) out.push_back(nums[dq.front()]);
    }
    return out;
}
