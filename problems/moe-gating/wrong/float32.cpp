// Known wrong: computes the softmax in single precision (float): errors near
// 1e-7, far above the 1e-9 tolerance.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

std::vector<std::vector<double>> moe_gate(const std::vector<std::vector<double>>& logits, long long k,
                                          long long capacity) {
    std::vector<std::vector<double>> out;
    std::vector<long long> load;
    for (const auto& row : logits) {
        const size_t E = row.size();
        if (load.size() < E) load.resize(E, 0);
        std::vector<int> order(E);
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](int a, int b) {
            if (row[a] != row[b]) return row[a] > row[b];
            return a < b;
        });
        order.resize((size_t)k);
        const float m = (float)row[order[0]];
        std::vector<float> ex(order.size());
        float total = 0.0f;
        for (size_t i = 0; i < order.size(); ++i) {
            ex[i] = std::exp((float)row[order[i]] - m);
            total += ex[i];
        }
        std::vector<double> res(E, 0.0);
        for (size_t i = 0; i < order.size(); ++i) {
            const int e = order[i];
            if (load[e] < capacity) {
                ++load[e];
                res[e] = ex[i] / total;
            }
        }
        out.push_back(std::move(res));
    }
    return out;
}
