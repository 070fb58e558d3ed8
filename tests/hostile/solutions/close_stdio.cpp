#include <string>
#include <unistd.h>
// Closes its stdout and stderr.
std::string probe() {
    close(1);
    close(2);
    return "ok";
}
