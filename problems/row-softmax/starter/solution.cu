// judge: row-softmax
#include <cuda_runtime.h>

// input and output are device pointers to rows * cols floats, row-major.
// output[r][j] = exp(x[r][j] - max_r) / sum_j' exp(x[r][j'] - max_r).
extern "C" void solve(const float* input, float* output, int rows, int cols) {
}
