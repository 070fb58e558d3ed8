#include <cerrno>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
// A cross-case channel through the page cache of a world-readable file: every
// case first tries to read the bit the previous case left (is the first page
// of the file resident? mincore, preadv2(RWF_NOWAIT), cachestat), then tries
// to leave one (evict with fadvise(DONTNEED)/madvise(PAGEOUT), populate with
// fadvise(WILLNEED)/madvise(WILLNEED)). Both cases expect 0: any case that
// could read the state returns 1 + the bit it read (the channel works), and
// one that could not read it but could write it returns 3.
#ifndef RWF_NOWAIT
#define RWF_NOWAIT 0x8
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
struct CachestatRange { unsigned long long off, len; };
struct Cachestat { unsigned long long cache, dirty, writeback, evicted, recently_evicted; };

// -1: cannot tell; 0: not resident; 1: resident.
static int read_bit(int fd, void* map) {
    if (map != MAP_FAILED) {
        unsigned char vec[1];
        if (mincore(map, 4096, vec) == 0) return vec[0] & 1;
    }
    char buf[4096];
    struct iovec iov = {buf, sizeof buf};
    long n = preadv2(fd, &iov, 1, 0, RWF_NOWAIT);
    if (n >= 0) return 1;
    if (errno == EAGAIN) return 0;
    struct CachestatRange range = {0, 4096};
    struct Cachestat cs;
    if (syscall(451, fd, &range, &cs, 0) == 0) return cs.cache > 0;
    return -1;
}

// Leave `bit` (0: evict, 1: populate); true when some call succeeded.
static bool write_bit(int fd, void* map, int bit) {
    bool any = false;
    if (bit) {
        any |= posix_fadvise(fd, 0, 4096, POSIX_FADV_WILLNEED) == 0;
        any |= syscall(SYS_readahead, fd, 0L, 4096L) == 0;
        if (map != MAP_FAILED) any |= madvise(map, 4096, MADV_WILLNEED) == 0;
    } else {
        any |= posix_fadvise(fd, 0, 4096, POSIX_FADV_DONTNEED) == 0;
        if (map != MAP_FAILED) any |= madvise(map, 4096, MADV_PAGEOUT) == 0;
    }
    return any;
}

long long state() {
    const char* files[] = {"/etc/ld.so.cache", "/bin/sh", "/usr/bin/env"};
    int fd = -1;
    for (const char* f : files) {
        fd = open(f, O_RDONLY);
        if (fd >= 0) break;
    }
    if (fd < 0) return 0;
    void* map = mmap(nullptr, 4096, PROT_READ, MAP_SHARED, fd, 0);
    int bit = read_bit(fd, map);
    // Flip whatever is there, so the next case would see a change.
    bool wrote = write_bit(fd, map, bit == 1 ? 0 : 1);
    if (bit >= 0) return 1 + bit;
    return wrote ? 3 : 0;
}
