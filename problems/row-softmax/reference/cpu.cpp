// CPU reference for row-softmax: the same declaration on host pointers.
// Float64 throughout (max shift, exp, row sum), rounded once to float32.
#include <cmath>
#include <cstddef>
#include <vector>

extern "C" void solve(const float* input, float* output, int rows, int cols) {
    std::vector<double> e(static_cast<size_t>(cols));
    for (int r = 0; r < rows; ++r) {
        const float* x = input + static_cast<size_t>(r) * cols;
        float* y = output + static_cast<size_t>(r) * cols;
        double m = x[0];
        for (int j = 1; j < cols; ++j) m = std::fmax(m, static_cast<double>(x[j]));
        double s = 0.0;
        for (int j = 0; j < cols; ++j) {
            e[j] = std::exp(static_cast<double>(x[j]) - m);
            s += e[j];
        }
        for (int j = 0; j < cols; ++j) y[j] = static_cast<float>(e[j] / s);
    }
}
