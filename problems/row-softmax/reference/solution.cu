// judge: row-softmax
// One block of 256 threads per row: a block max reduction, a block sum of
// expf(x - max), then every thread writes its columns (loops over the row).
#include <cuda_runtime.h>
#include <cfloat>

namespace {

constexpr int kThreads = 256;

// Reduces v over the block (op: max or sum); every thread gets the result.
template <bool kMax>
__device__ float block_reduce(float v, float* scratch) {
    for (int off = 16; off > 0; off >>= 1) {
        const float o = __shfl_xor_sync(0xffffffffu, v, off);
        v = kMax ? fmaxf(v, o) : v + o;
    }
    const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
    if (lane == 0) scratch[warp] = v;
    __syncthreads();
    v = lane < kThreads / 32 ? scratch[lane] : (kMax ? -FLT_MAX : 0.0f);
    for (int off = 16; off > 0; off >>= 1) {
        const float o = __shfl_xor_sync(0xffffffffu, v, off);
        v = kMax ? fmaxf(v, o) : v + o;
    }
    __syncthreads();  // scratch is reused by the next reduction
    return v;
}

__global__ void softmax_rows(const float* __restrict__ input, float* __restrict__ output, int cols) {
    __shared__ float scratch[kThreads / 32];
    const size_t base = static_cast<size_t>(blockIdx.x) * cols;
    const float* x = input + base;
    float* y = output + base;

    float m = -FLT_MAX;
    for (int j = threadIdx.x; j < cols; j += kThreads) m = fmaxf(m, x[j]);
    m = block_reduce<true>(m, scratch);

    float s = 0.0f;
    for (int j = threadIdx.x; j < cols; j += kThreads) s += expf(x[j] - m);
    s = block_reduce<false>(s, scratch);

    const float inv = 1.0f / s;
    for (int j = threadIdx.x; j < cols; j += kThreads) y[j] = expf(x[j] - m) * inv;
}

}  // namespace

extern "C" void solve(const float* input, float* output, int rows, int cols) {
    if (rows > 0 && cols > 0) softmax_rows<<<rows, kThreads>>>(input, output, cols);
}
