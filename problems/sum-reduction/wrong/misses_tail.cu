// judge: sum-reduction
// WRONG: one block per full chunk of 256 values; the last partial chunk
// (N % 256 values) is never added.
#include <cuda_runtime.h>

__global__ void chunk_sums(const float* input, float* output) {
    __shared__ float s[256];
    s[threadIdx.x] = input[blockIdx.x * 256 + threadIdx.x];
    __syncthreads();
    for (int h = 128; h > 0; h >>= 1) {
        if (threadIdx.x < h) s[threadIdx.x] += s[threadIdx.x + h];
        __syncthreads();
    }
    if (threadIdx.x == 0) atomicAdd(output, s[0]);
}

extern "C" void solve(const float* input, float* output, int N) {
    cudaMemset(output, 0, sizeof(float));
    const int blocks = N / 256;
    if (blocks > 0) chunk_sums<<<blocks, 256>>>(input, output);
}
