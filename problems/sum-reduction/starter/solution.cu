// judge: sum-reduction
#include <cuda_runtime.h>

// input and output are device pointers; output[0] = sum of input[0..N).
// output starts as NaN: zero it before accumulating into it.
extern "C" void solve(const float* input, float* output, int N) {
}
