#include <cstdio>
int main() { int n; std::scanf("%d", &n); for (int i = n; i >= 1; --i) std::printf("%d ", i); std::printf("\n"); }
