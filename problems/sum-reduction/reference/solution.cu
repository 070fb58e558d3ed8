// judge: sum-reduction
// Each thread sums a grid-stride slice, each block reduces its threads with
// warp shuffles and shared memory, and one atomicAdd per block adds the block
// sum to output (zeroed first: it starts as NaN).
#include <cuda_runtime.h>

namespace {

constexpr int kThreads = 256;
constexpr int kMaxBlocks = 1024;

__device__ float warp_sum(float v) {
    for (int off = 16; off > 0; off >>= 1) v += __shfl_down_sync(0xffffffffu, v, off);
    return v;
}

__global__ void block_sums(const float* __restrict__ input, float* __restrict__ output, int N) {
    float acc = 0.0f;
    const int stride = gridDim.x * blockDim.x;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < N; i += stride) acc += input[i];

    __shared__ float warp_partial[kThreads / 32];
    const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
    acc = warp_sum(acc);
    if (lane == 0) warp_partial[warp] = acc;
    __syncthreads();
    if (warp == 0) {
        acc = lane < kThreads / 32 ? warp_partial[lane] : 0.0f;
        acc = warp_sum(acc);
        if (lane == 0) atomicAdd(output, acc);
    }
}

}  // namespace

extern "C" void solve(const float* input, float* output, int N) {
    cudaMemsetAsync(output, 0, sizeof(float));
    int blocks = (N + kThreads - 1) / kThreads;
    if (blocks > kMaxBlocks) blocks = kMaxBlocks;
    if (blocks > 0) block_sums<<<blocks, kThreads>>>(input, output, N);
}
