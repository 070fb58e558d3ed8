/* A single-file C validator: the input is one line. Exit 42 = valid. */
#include <stdio.h>
int main(void) {
    int c, lines = 0, last = -1;
    while ((c = getchar()) != EOF) { if (c == '\n') lines++; last = c; }
    return (lines == 1 && last == '\n') ? 42 : 43;
}
