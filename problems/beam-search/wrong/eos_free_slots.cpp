// Known-wrong: candidates ending in eos do not use up beam slots (it keeps
// beam_width live hypotheses every step, HF style), so the search differs.
#include <algorithm>
#include <cmath>
#include <vector>

namespace {
struct Hyp {
    std::vector<long long> seq;
    double score = 0.0;
};
}  // namespace

std::vector<long long> beam_search(const std::vector<std::vector<double>>& logp, long long bos, long long eos,
                                   long long beam_width, long long max_len, bool normalize) {
    std::vector<Hyp> live(1), finished;
    for (long long step = 0; step < max_len; ++step) {
        std::vector<Hyp> candidates;
        for (const Hyp& h : live) {
            const std::vector<double>& row = logp[h.seq.empty() ? bos : h.seq.back()];
            for (std::size_t v = 0; v < row.size(); ++v) {
                if (row[v] == -INFINITY) continue;
                Hyp c = h;
                c.seq.push_back(static_cast<long long>(v));
                c.score += row[v];
                candidates.push_back(std::move(c));
            }
        }
        std::sort(candidates.begin(), candidates.end(), [](const Hyp& a, const Hyp& b) {
            return a.score != b.score ? a.score > b.score : a.seq < b.seq;
        });
        live.clear();
        for (std::size_t i = 0; i < candidates.size() && static_cast<long long>(live.size()) < beam_width; ++i) {
            (candidates[i].seq.back() == eos ? finished : live).push_back(candidates[i]);
        }
        if (live.empty()) break;
    }
    finished.insert(finished.end(), live.begin(), live.end());
    auto final_score = [&](const Hyp& h) {
        return normalize ? h.score / static_cast<double>(h.seq.size()) : h.score;
    };
    const Hyp* best = &finished.front();
    for (const Hyp& h : finished) {
        const double a = final_score(h), b = final_score(*best);
        if (a > b || (a == b && h.seq < best->seq)) best = &h;
    }
    return best->seq;
}
