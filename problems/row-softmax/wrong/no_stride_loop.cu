// judge: row-softmax
// WRONG: each of the 256 threads handles exactly one column: columns from 256
// on are never read (missing from max and sum) nor written (left NaN).
#include <cuda_runtime.h>
#include <cfloat>

__global__ void softmax_rows(const float* input, float* output, int cols) {
    __shared__ float s[256];
    const float* x = input + static_cast<size_t>(blockIdx.x) * cols;
    float* y = output + static_cast<size_t>(blockIdx.x) * cols;
    const int j = threadIdx.x;
    s[j] = j < cols ? x[j] : -FLT_MAX;
    __syncthreads();
    for (int h = 128; h > 0; h >>= 1) {
        if (j < h) s[j] = fmaxf(s[j], s[j + h]);
        __syncthreads();
    }
    const float m = s[0];
    __syncthreads();
    const float e = j < cols ? expf(x[j] - m) : 0.0f;
    s[j] = e;
    __syncthreads();
    for (int h = 128; h > 0; h >>= 1) {
        if (j < h) s[j] += s[j + h];
        __syncthreads();
    }
    if (j < cols) y[j] = e / s[0];
}

extern "C" void solve(const float* input, float* output, int rows, int cols) {
    softmax_rows<<<rows, 256>>>(input, output, cols);
}
