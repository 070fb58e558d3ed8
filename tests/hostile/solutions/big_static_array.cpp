#include <cstdio>
// An initialised 200 MiB array: it links within the compiler's tmpfs, but the
// binary is over the size the judge takes out of it.
static char a[200 << 20] = {1};
int main(int argc, char**) { std::printf("%d\n", a[argc << 20]); }
