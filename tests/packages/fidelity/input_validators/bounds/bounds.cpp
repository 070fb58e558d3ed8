// A folder validator (several files): two integers in [0, MAX_VALUE] on one
// line; `--max N` (from test_group.yaml) tightens the bound. Exit 42 = valid.
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include "limits.h"
int main(int argc, char** argv) {
    long max = MAX_VALUE;
    for (int i = 1; i + 1 < argc; i++)
        if (!std::strcmp(argv[i], "--max")) max = std::atol(argv[i + 1]);
    long a, b;
    char nl, extra;
    if (std::scanf("%ld %ld%c", &a, &b, &nl) != 3 || nl != '\n') return 43;
    if (std::scanf("%c", &extra) == 1) return 43;
    if (a < 0 || b < 0 || a > max || b > max) { std::printf("out of range\n"); return 43; }
    return 42;
}
