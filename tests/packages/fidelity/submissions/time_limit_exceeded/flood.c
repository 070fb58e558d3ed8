/* Floods stdout past the output limit: OLE, which the format has no verdict
   for; DOMjudge/BAPCtools packages file such programs here. */
#include <stdio.h>
int main(void) {
    for (;;) fputs("0000000000000000000000000000000000000000000000000000000000000000\n", stdout);
}
