#include <cerrno>
#include <string>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sched.h>
#include <unistd.h>
// ptrace of the parent, and other syscalls the filter denies.
std::string probe() {
    std::string out;
    if (ptrace(PTRACE_ATTACH, getppid(), nullptr, nullptr) == 0) out += "ptrace attached; ";
    if (unshare(CLONE_NEWUSER) == 0) out += "unshare(CLONE_NEWUSER) worked; ";
    if (mount("none", "/tmp", "tmpfs", 0, nullptr) == 0) out += "mount worked; ";
    return out.empty() ? "ok" : out;
}
