// judge: matmul
#include <cuda_runtime.h>

// A (M x K), B (K x N) and C (M x N) are row-major device pointers.
// C[i * N + j] = sum over k of A[i * K + k] * B[k * N + j].
extern "C" void solve(const float* A, const float* B, float* C, int M, int N, int K) {
}
