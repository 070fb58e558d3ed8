// judge: row-softmax
// WRONG: no max shift. expf(1e4) = inf and inf / inf = NaN; a row of logits
// near -1e4 gives 0 / 0 = NaN.
#include <cuda_runtime.h>

__global__ void softmax_rows(const float* input, float* output, int cols) {
    __shared__ float s[256];
    const float* x = input + static_cast<size_t>(blockIdx.x) * cols;
    float* y = output + static_cast<size_t>(blockIdx.x) * cols;
    float acc = 0.0f;
    for (int j = threadIdx.x; j < cols; j += blockDim.x) acc += expf(x[j]);
    s[threadIdx.x] = acc;
    __syncthreads();
    for (int h = blockDim.x / 2; h > 0; h >>= 1) {
        if (threadIdx.x < h) s[threadIdx.x] += s[threadIdx.x + h];
        __syncthreads();
    }
    for (int j = threadIdx.x; j < cols; j += blockDim.x) y[j] = expf(x[j]) / s[0];
}

extern "C" void solve(const float* input, float* output, int rows, int cols) {
    softmax_rows<<<rows, 256>>>(input, output, cols);
}
