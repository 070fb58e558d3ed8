#include <cstdlib>
#include <cstring>
#include <string>
// Allocates and touches memory until something stops it.
std::string probe() {
    for (;;) {
        char* p = static_cast<char*>(std::malloc(16 << 20));
        if (p) std::memset(p, 1, 16 << 20);
    }
}
