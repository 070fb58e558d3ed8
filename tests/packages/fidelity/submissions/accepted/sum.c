/* C (gcc -std=gnu17). */
#include <stdio.h>
#include <math.h>
int main(void) {
    long a, b;
    if (scanf("%ld %ld", &a, &b) != 2) return 1;
    printf("%ld\n", (long)llround((double)a + (double)b));
    return 0;
}
