// Returns a list of 8 million ints (about 16 MB of JSON on the result
// channel): the judge must stop reading long before and stay small.
#include <vector>
std::vector<long long> big() { return std::vector<long long>(8'000'000, 1); }
