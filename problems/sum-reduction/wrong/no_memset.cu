// judge: sum-reduction
// WRONG: a correct block reduction, but output is never zeroed: it starts as
// NaN and NaN + anything stays NaN.
#include <cuda_runtime.h>

__global__ void block_sums(const float* input, float* output, int N) {
    __shared__ float s[256];
    float acc = 0.0f;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < N; i += gridDim.x * blockDim.x) acc += input[i];
    s[threadIdx.x] = acc;
    __syncthreads();
    for (int h = blockDim.x / 2; h > 0; h >>= 1) {
        if (threadIdx.x < h) s[threadIdx.x] += s[threadIdx.x + h];
        __syncthreads();
    }
    if (threadIdx.x == 0) atomicAdd(output, s[0]);
}

extern "C" void solve(const float* input, float* output, int N) {
    int blocks = (N + 255) / 256;
    if (blocks > 1024) blocks = 1024;
    block_sums<<<blocks, 256>>>(input, output, N);
}
