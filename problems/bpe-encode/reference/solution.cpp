#include <functional>
#include <queue>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

std::vector<std::string> bpe_encode(const std::string& word, const std::vector<std::vector<std::string>>& merges) {
    // Rank of a pair: the index of its first occurrence in merges. Tokens are
    // lowercase letters, so a space separates the two halves of a key.
    std::unordered_map<std::string, long long> rank;
    rank.reserve(merges.size() * 2 + 1);
    for (size_t i = 0; i < merges.size(); ++i) {
        rank.emplace(merges[i][0] + " " + merges[i][1], (long long)i);
    }
    const int n = (int)word.size();
    std::vector<std::string> tok(n);
    std::vector<int> nxt(n), prv(n), ver(n, 0);
    std::vector<bool> alive(n, true);
    for (int i = 0; i < n; ++i) {
        tok[i] = std::string(1, word[i]);
        nxt[i] = i + 1;
        prv[i] = i - 1;
    }
    // (rank, left node, its version, right node, its version); min-heap.
    using Entry = std::tuple<long long, int, int, int, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;
    auto push = [&](int i) {
        int j = nxt[i];
        if (j < n) {
            auto it = rank.find(tok[i] + " " + tok[j]);
            if (it != rank.end()) heap.emplace(it->second, i, ver[i], j, ver[j]);
        }
    };
    for (int i = 0; i + 1 < n; ++i) push(i);
    while (!heap.empty()) {
        auto [r, i, vi, j, vj] = heap.top();
        heap.pop();
        if (!alive[i] || ver[i] != vi || nxt[i] != j || ver[j] != vj) continue;  // stale
        tok[i] += tok[j];
        ++ver[i];
        alive[j] = false;
        nxt[i] = nxt[j];
        if (nxt[j] < n) prv[nxt[j]] = i;
        if (prv[i] >= 0) push(prv[i]);
        push(i);
    }
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i)
        if (alive[i]) out.push_back(tok[i]);
    return out;
}
