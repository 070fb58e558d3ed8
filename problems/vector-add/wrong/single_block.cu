// judge: vector-add
// WRONG: one block of 256 threads and no grid-stride loop: from index 256 on
// nothing is written (fine on the small samples, wrong on the hidden cases).
#include <cuda_runtime.h>

__global__ void vector_add(const float* A, const float* B, float* C, int N) {
    const int i = threadIdx.x;
    if (i < N) C[i] = A[i] + B[i];
}

extern "C" void solve(const float* A, const float* B, float* C, int N) {
    vector_add<<<1, 256>>>(A, B, C, N);
}
