// judge: vector-add
// WRONG: guards with i < N - 1, so the last element is never written.
#include <cuda_runtime.h>

__global__ void vector_add(const float* A, const float* B, float* C, int N) {
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < N - 1) C[i] = A[i] + B[i];
}

extern "C" void solve(const float* A, const float* B, float* C, int N) {
    vector_add<<<(N + 255) / 256, 256>>>(A, B, C, N);
}
