#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
// Every page-cache probe of a world-readable file, and the page-cache
// moves (evict, populate) that would leave a bit for the next run. Each must
// fail with EPERM; what did not is listed. MADV_DONTNEED on anonymous memory
// (what allocators use) must keep working. The mounts must be noatime.
#ifndef RWF_NOWAIT
#define RWF_NOWAIT 0x8
#endif
#ifndef MADV_COLD
#define MADV_COLD 20
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
struct CachestatRange { unsigned long long off, len; };
struct Cachestat { unsigned long long cache, dirty, writeback, evicted, recently_evicted; };

static bool denied(long rc) { return rc == -1 && errno == EPERM; }

std::string probe() {
    std::string out;
    auto worked = [&](const char* what) { out += what; out += " worked; "; };
    const char* files[] = {"/etc/ld.so.cache", "/bin/sh", "/usr/bin/env"};
    int fd = -1;
    for (const char* f : files) {
        fd = open(f, O_RDONLY);
        if (fd >= 0) break;
    }
    if (fd < 0) return "no world-readable file to probe";
    int rc = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    if (rc != EPERM) worked("fadvise(DONTNEED)");
    rc = posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
    if (rc != EPERM) worked("fadvise(WILLNEED)");
    if (!denied(syscall(SYS_readahead, fd, 0L, 4096L))) worked("readahead");
    char buf[4096];
    struct iovec iov = {buf, sizeof buf};
    if (!denied(preadv2(fd, &iov, 1, 0, RWF_NOWAIT))) worked("preadv2(RWF_NOWAIT)");
    if (preadv2(fd, &iov, 1, 0, 0) < 0) out += "plain preadv2 broken; ";
    struct CachestatRange range = {0, 4096};
    struct Cachestat cs;
    long c = syscall(451, fd, &range, &cs, 0);
    if (!(c == -1 && (errno == EPERM || errno == ENOSYS))) worked("cachestat");
    void* map = mmap(nullptr, 4096, PROT_READ, MAP_SHARED, fd, 0);
    if (map != MAP_FAILED) {
        unsigned char vec[1];
        if (!denied(mincore(map, 4096, vec))) worked("mincore");
        if (!denied(madvise(map, 4096, MADV_WILLNEED))) worked("madvise(WILLNEED)");
        if (!denied(madvise(map, 4096, MADV_COLD))) worked("madvise(COLD)");
        if (!denied(madvise(map, 4096, MADV_PAGEOUT))) worked("madvise(PAGEOUT)");
        munmap(map, 4096);
    } else {
        out += "mmap failed; ";
    }
    // pwritev2 with RWF_NOWAIT on a private file.
    int w = open("/tmp/probe-nowait", O_RDWR | O_CREAT, 0600);
    if (w >= 0) {
        if (!denied(pwritev2(w, &iov, 1, 0, RWF_NOWAIT))) worked("pwritev2(RWF_NOWAIT)");
        if (pwritev2(w, &iov, 1, 0, 0) < 0) out += "plain pwritev2 broken; ";
        close(w);
    }
    // Allocators' advice keeps working.
    void* anon = mmap(nullptr, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (anon == MAP_FAILED || madvise(anon, 1 << 16, MADV_DONTNEED) != 0) out += "madvise(DONTNEED) broken; ";
    close(fd);
    // The root mount is noatime: reading a shared file leaves no access time.
    std::ifstream mounts("/proc/self/mounts");
    std::string line;
    bool root_noatime = false;
    while (std::getline(mounts, line)) {
        std::istringstream fields(line);
        std::string dev, dir, type, opts;
        fields >> dev >> dir >> type >> opts;
        if (dir == "/") root_noatime = opts.find("noatime") != std::string::npos;
    }
    if (!root_noatime) out += "atime: / is not noatime; ";
    return out.empty() ? "ok" : out;
}
