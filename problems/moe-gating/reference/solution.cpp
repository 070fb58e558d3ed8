#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

std::vector<std::vector<double>> moe_gate(const std::vector<std::vector<double>>& logits, long long k,
                                          long long capacity) {
    std::vector<std::vector<double>> out;
    std::vector<long long> load;  // expert -> kept assignments so far
    for (const auto& row : logits) {
        const size_t E = row.size();
        if (load.size() < E) load.resize(E, 0);
        std::vector<int> order(E);
        std::iota(order.begin(), order.end(), 0);
        // Top-k by logit; ties: lower expert id (-0.0 == 0.0 ties too).
        std::sort(order.begin(), order.end(), [&](int a, int b) {
            if (row[a] != row[b]) return row[a] > row[b];
            return a < b;
        });
        order.resize((size_t)k);
        const double m = row[order[0]];  // the largest chosen logit: exp never overflows
        std::vector<double> ex(order.size());
        double total = 0.0;
        for (size_t i = 0; i < order.size(); ++i) {
            ex[i] = std::exp(row[order[i]] - m);
            total += ex[i];
        }
        std::vector<double> res(E, 0.0);
        for (size_t i = 0; i < order.size(); ++i) {
            const int e = order[i];
            if (load[e] < capacity) {
                ++load[e];
                res[e] = ex[i] / total;  // dropped assignments stay 0, no renormalisation
            }
        }
        out.push_back(std::move(res));
    }
    return out;
}
