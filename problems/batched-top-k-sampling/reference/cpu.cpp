// CPU reference for batched-top-k-sampling: the same declaration on host
// pointers. Per row, the rules of the top-k-sampling problem: clamp k, keep
// the k largest logits (descending, ties by smaller index, 0.0 == -0.0),
// float64 weights exp((l - m) / T), the first kept token whose float64
// cumulative weight exceeds u * W. Every test keeps u a relative 1e-3 away
// from each cumulative boundary, so the summation order cannot matter.
//
// O(vocab) per row plus O(j log k) for an answer at position j: nth_element
// finds the kept set, W is summed over it, and a heap yields the kept tokens
// in order only as far as the walk needs them.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

extern "C" void solve(const float* logits, const int* top_k, const float* u, int* tokens,
                      int batch, int vocab, float temperature) {
    std::vector<int> kept(static_cast<size_t>(vocab));
    for (int b = 0; b < batch; ++b) {
        const float* l = logits + static_cast<size_t>(b) * vocab;
        int k = top_k[b];
        if (k <= 0 || k > vocab) k = vocab;
        // x comes before y in the order: larger logit, or equal logits (0.0 == -0.0) and smaller index.
        auto before = [&](int x, int y) { return l[x] != l[y] ? l[x] > l[y] : x < y; };
        std::iota(kept.begin(), kept.end(), 0);
        if (k < vocab) std::nth_element(kept.begin(), kept.begin() + (k - 1), kept.end(), before);
        const double top = *std::max_element(l, l + vocab);
        const double t = temperature;
        auto weight = [&](int i) { return std::exp((static_cast<double>(l[i]) - top) / t); };
        double total = 0.0;
        for (int j = 0; j < k; ++j) total += weight(kept[j]);
        const double target = static_cast<double>(u[b]) * total;

        auto heap_less = [&](int x, int y) { return before(y, x); };  // heap top: first in order
        std::make_heap(kept.begin(), kept.begin() + k, heap_less);
        int answer = -1;
        double c = 0.0;
        for (int left = k; left > 0; --left) {
            std::pop_heap(kept.begin(), kept.begin() + left, heap_less);
            const int i = kept[left - 1];
            const double w = weight(i);
            if (w == 0.0) continue;  // weight 0 never crosses u
            c += w;
            answer = i;  // the last kept token of positive weight if the sum ends <= target
            if (c > target) break;
        }
        tokens[b] = answer;  // the top token has weight 1, so answer >= 0
    }
}
