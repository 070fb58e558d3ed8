#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <unistd.h>
// Burns CPU in children it never waits for, while the main process sleeps:
// the CPU limit counts every process of the run. The main process returns
// only once its children have burned 3 s of CPU (more than the 2 s limit), so
// that the run is TLE however busy the machine is; if the judge did not count
// the children, this would be AC.
static long long cpu_ticks(pid_t pid) {
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE* f = std::fopen(path, "r");
    if (!f) return -1;
    char buf[1024];
    size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    buf[n] = 0;
    char* p = buf;
    for (char* q = buf; *q; ++q) if (*q == ')') p = q;
    // Fields after ") ": state is the 1st; utime and stime the 12th and 13th.
    long long utime = 0, stime = 0;
    if (std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lld %lld", &utime, &stime) != 2) return -1;
    return utime + stime;
}

std::string probe() {
    pid_t kids[2];
    for (int i = 0; i < 2; ++i) {
        kids[i] = fork();
        if (kids[i] == 0) {
            volatile unsigned long long n = 0;
            for (;;) ++n;
        }
    }
    long hz = sysconf(_SC_CLK_TCK);
    for (int i = 0; i < 1200; ++i) {  // at most 60 s
        long long total = 0;
        for (pid_t k : kids) {
            long long t = cpu_ticks(k);
            if (t > 0) total += t;
        }
        if (total >= 3 * hz) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return "ok";
}
