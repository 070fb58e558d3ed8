#include <cstdio>
#include <string>
// Writes 1 GB to stdout.
int main() {
    std::string block(1 << 20, 'x');
    for (int i = 0; i < 1024; ++i) std::fwrite(block.data(), 1, block.size(), stdout);
}
