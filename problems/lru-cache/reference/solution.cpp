#include <list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

std::vector<long long> lru_cache(const std::vector<std::string>& ops, const std::vector<std::vector<long long>>& args,
                                 long long capacity) {
    std::list<std::pair<long long, long long>> order;  // (key, value), most recently used first
    std::unordered_map<long long, std::list<std::pair<long long, long long>>::iterator> where;
    std::vector<long long> out;
    out.reserve(ops.size());
    for (size_t i = 0; i < ops.size(); ++i) {
        if (ops[i] == "get") {
            auto it = where.find(args[i][0]);
            if (it == where.end()) {
                out.push_back(-1);
            } else {
                order.splice(order.begin(), order, it->second);
                out.push_back(it->second->second);
            }
        } else {  // "put"
            const long long key = args[i][0], value = args[i][1];
            out.push_back(-1);
            auto it = where.find(key);
            if (it != where.end()) {
                it->second->second = value;
                order.splice(order.begin(), order, it->second);
            } else if (capacity > 0) {
                if ((long long)order.size() == capacity) {
                    where.erase(order.back().first);
                    order.pop_back();
                }
                order.emplace_front(key, value);
                where[key] = order.begin();
            }
        }
    }
    return out;
}
