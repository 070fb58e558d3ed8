#include <cstdio>
// An initialised 400 MiB array: the object file and the binary are 400 MiB
// each. The compiler's private tmpfs (512 MiB, charged to its memory limit)
// fills up; nothing reaches the host's disk.
static char a[400 << 20] = {1};
int main(int argc, char**) { std::printf("%d\n", a[argc << 20]); }
