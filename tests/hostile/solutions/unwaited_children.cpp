#include <chrono>
#include <string>
#include <thread>
#include <unistd.h>
// Burns CPU in children it never waits for, while the main process sleeps:
// the CPU limit counts every process of the run.
std::string probe() {
    for (int i = 0; i < 2; ++i) {
        if (fork() == 0) {
            volatile unsigned long long n = 0;
            for (;;) ++n;
        }
    }
    std::this_thread::sleep_for(std::chrono::seconds(4));
    return "ok";
}
