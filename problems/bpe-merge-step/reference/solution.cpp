#include <string>
#include <vector>

std::vector<std::string> merge_pair(const std::vector<std::string>& tokens, const std::string& left,
                                    const std::string& right) {
    const std::string merged = left + right;
    std::vector<std::string> out;
    out.reserve(tokens.size());
    const size_t n = tokens.size();
    size_t i = 0;
    while (i < n) {
        if (i + 1 < n && tokens[i] == left && tokens[i + 1] == right) {
            out.push_back(merged);
            i += 2;  // both tokens consumed: no overlap
        } else {
            out.push_back(tokens[i]);
            i += 1;
        }
    }
    return out;
}
