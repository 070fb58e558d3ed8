#include <csignal>
#include <string>
// Ignores SIGXCPU (the soft CPU rlimit) and spins.
std::string probe() {
    std::signal(SIGXCPU, SIG_IGN);
    volatile unsigned long long n = 0;
    for (;;) ++n;
}
