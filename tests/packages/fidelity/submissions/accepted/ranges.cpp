// C++20: ranges, std::span, designated initialisers, <=>.
#include <compare>
#include <iostream>
#include <numeric>
#include <ranges>
#include <span>
#include <vector>
struct Pair { long a; long b; auto operator<=>(const Pair&) const = default; };
int main() {
    Pair p{.a = 0, .b = 0};
    std::cin >> p.a >> p.b;
    std::vector<long> v{p.a, p.b};
    std::span<const long> s(v);
    auto doubled = s | std::views::transform([](long x) { return x; });
    std::cout << std::accumulate(doubled.begin(), doubled.end(), 0L) << "\n";
}
