#include <csignal>
#include <string>
#include <unistd.h>
// kill(-1, SIGKILL): every process it may signal.
std::string probe() {
    kill(-1, SIGKILL);
    return "ok";
}
