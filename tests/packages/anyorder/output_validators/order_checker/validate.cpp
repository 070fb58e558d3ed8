// Kattis output validator: validate input answer feedback_dir < team_output.
// Accepts any permutation of 1..n (exit 42); otherwise exit 43 with a message.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>
int main(int argc, char** argv) {
    if (argc < 4) return 1;
    std::ifstream in(argv[1]);
    long long n;
    in >> n;
    std::ofstream msg(std::string(argv[3]) + "judgemessage.txt");
    std::vector<long long> got;
    long long x;
    while (std::cin >> x) got.push_back(x);
    std::sort(got.begin(), got.end());
    for (long long i = 0; i < n; ++i) {
        if ((long long)got.size() != n || got[i] != i + 1) {
            msg << "not a permutation of 1.." << n << "\n";
            return 43;
        }
    }
    return 42;
}
