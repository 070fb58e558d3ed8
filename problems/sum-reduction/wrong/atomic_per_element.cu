// judge: sum-reduction
// WRONG: one float32 accumulator for all N values (atomicAdd from every
// thread). The running sum's rounding unit grows with it: 10^7 copies of 0.1
// end ~9% too large.
#include <cuda_runtime.h>

__global__ void add_all(const float* input, float* output, int N) {
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < N) atomicAdd(output, input[i]);
}

extern "C" void solve(const float* input, float* output, int N) {
    cudaMemset(output, 0, sizeof(float));
    add_all<<<(N + 255) / 256, 256>>>(input, output, N);
}
