// A folder submission (C++): one source and a header beside it.
#include <iostream>
#include "add.hpp"
int main() {
    long a, b;
    std::cin >> a >> b;
    std::cout << add(a, b) << "\n";
}
