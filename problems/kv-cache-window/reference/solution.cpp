#include <vector>

std::vector<std::vector<long long>> kv_cache_window(const std::vector<long long>& ids, long long window,
                                                    long long sinks) {
    std::vector<long long> sink_part;  // the first `sinks` positions: never evicted
    std::vector<long long> recent;     // the other positions, oldest at recent[head]
    size_t head = 0;
    std::vector<long long> evicted;
    evicted.reserve(ids.size());
    for (size_t pos = 0; pos < ids.size(); ++pos) {
        const long long x = ids[pos];
        if ((long long)pos < sinks) {
            sink_part.push_back(x);
            evicted.push_back(-1);
            continue;
        }
        recent.push_back(x);
        if ((long long)(recent.size() - head) > window) {
            evicted.push_back(recent[head++]);  // may be x itself when window == 0
        } else {
            evicted.push_back(-1);
        }
    }
    std::vector<long long> cache = sink_part;
    cache.insert(cache.end(), recent.begin() + head, recent.end());
    return {cache, evicted};
}
