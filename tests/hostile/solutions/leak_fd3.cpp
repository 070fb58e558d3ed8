// Writes its own report on the result channel (fd 3), naming the hidden
// input as the exception type, then exits: the type must not be shown.
#include <string>
#include <unistd.h>
long long secret_len(std::string secret) {
    std::string line = "{\"status\":\"exception\",\"type\":\"Leak_" + secret + "\",\"message\":\"" + secret +
                       "\",\"memory\":" + (secret.back() % 2 ? "true" : "false") + "}\n";
    if (::write(3, line.data(), line.size()) < 0) return 0;
    _exit(secret.size() % 200);
}
