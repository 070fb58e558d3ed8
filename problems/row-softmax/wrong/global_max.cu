// judge: row-softmax
// WRONG: shifts every row by the maximum of row 0 instead of its own maximum.
// Correct while rows have similar ranges; a row 1e4 below row 0 underflows to
// 0 / 0 = NaN, a row far above overflows.
#include <cuda_runtime.h>
#include <cfloat>

__global__ void softmax_rows(const float* input, float* output, int cols) {
    __shared__ float s[256];
    const float* x = input + static_cast<size_t>(blockIdx.x) * cols;
    float* y = output + static_cast<size_t>(blockIdx.x) * cols;
    float m = -FLT_MAX;
    for (int j = threadIdx.x; j < cols; j += blockDim.x) m = fmaxf(m, input[j]);  // row 0
    s[threadIdx.x] = m;
    __syncthreads();
    for (int h = blockDim.x / 2; h > 0; h >>= 1) {
        if (threadIdx.x < h) s[threadIdx.x] = fmaxf(s[threadIdx.x], s[threadIdx.x + h]);
        __syncthreads();
    }
    m = s[0];
    __syncthreads();
    float acc = 0.0f;
    for (int j = threadIdx.x; j < cols; j += blockDim.x) acc += expf(x[j] - m);
    s[threadIdx.x] = acc;
    __syncthreads();
    for (int h = blockDim.x / 2; h > 0; h >>= 1) {
        if (threadIdx.x < h) s[threadIdx.x] += s[threadIdx.x + h];
        __syncthreads();
    }
    for (int j = threadIdx.x; j < cols; j += blockDim.x) y[j] = expf(x[j] - m) / s[0];
}

extern "C" void solve(const float* input, float* output, int rows, int cols) {
    softmax_rows<<<rows, 256>>>(input, output, cols);
}
