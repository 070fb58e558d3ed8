#include <algorithm>
#include <vector>

std::vector<std::vector<long long>> merge_intervals(std::vector<std::vector<long long>> intervals) {
    std::sort(intervals.begin(), intervals.end());
    std::vector<std::vector<long long>> out;
    for (const auto& iv : intervals) {
        if (!out.empty() && iv[0] <= out.back()[1]) {  // overlaps or touches the last merged interval
            out.back()[1] = std::max(out.back()[1], iv[1]);
        } else {
            out.push_back({iv[0], iv[1]});
        }
    }
    return out;
}
