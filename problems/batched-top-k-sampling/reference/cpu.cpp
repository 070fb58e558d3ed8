// CPU reference for batched-top-k-sampling: the same declaration on host
// pointers. Per row, the rules of the top-k-sampling problem: clamp k, keep
// the k largest logits (descending, ties by smaller index, 0.0 == -0.0),
// float64 weights exp((l - m) / T), the first kept token whose float64
// cumulative weight exceeds u * W. Every test keeps u a relative 1e-3 away
// from each cumulative boundary, so float64 sums (or float32 ones) cannot
// land on the other side.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

extern "C" void solve(const float* logits, const int* top_k, const float* u, int* tokens,
                      int batch, int vocab, float temperature) {
    std::vector<int> order(static_cast<size_t>(vocab));
    for (int b = 0; b < batch; ++b) {
        const float* l = logits + static_cast<size_t>(b) * vocab;
        int k = top_k[b];
        if (k <= 0 || k > vocab) k = vocab;
        std::iota(order.begin(), order.end(), 0);
        std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](int x, int y) {
            return l[x] != l[y] ? l[x] > l[y] : x < y;  // float ==: 0.0 and -0.0 tie
        });
        const double top = l[order[0]];
        const double t = temperature;
        std::vector<double> w(static_cast<size_t>(k));
        double total = 0.0;
        for (int j = 0; j < k; ++j) {
            w[j] = std::exp((static_cast<double>(l[order[j]]) - top) / t);
            total += w[j];
        }
        const double target = static_cast<double>(u[b]) * total;
        int answer = order[0];
        double c = 0.0;
        bool found = false;
        for (int j = 0; j < k && !found; ++j) {
            if (w[j] == 0.0) continue;
            c += w[j];
            answer = order[j];  // the last kept token of positive weight if the sum ends <= target
            found = c > target;
        }
        tokens[b] = answer;
    }
}
