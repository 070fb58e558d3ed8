// judge: vector-add
// WRONG (RE): writes 2^30 floats (4 GiB) past the end of C, far outside any
// allocation of the run: the kernel faults with an illegal address.
#include <cuda_runtime.h>
#include <cstddef>

__global__ void vector_add(const float* A, const float* B, float* C, int N) {
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < N) C[static_cast<size_t>(i) + (static_cast<size_t>(1) << 30)] = A[i] + B[i];
}

extern "C" void solve(const float* A, const float* B, float* C, int N) {
    vector_add<<<(N + 255) / 256, 256>>>(A, B, C, N);
}
