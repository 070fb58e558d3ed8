#include <string>
std::string probe() {
    volatile unsigned long long n = 0;
    for (;;) ++n;
}
