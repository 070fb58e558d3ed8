// judge: matmul
// WRONG: indexes B as if it were stored transposed (N x K): B[j * K + k].
// Stays in bounds (j * K + k < N * K) but multiplies the wrong entries.
#include <cuda_runtime.h>

__global__ void matmul_naive(const float* A, const float* B, float* C, int M, int N, int K) {
    const int row = blockIdx.y * blockDim.y + threadIdx.y;
    const int col = blockIdx.x * blockDim.x + threadIdx.x;
    if (row >= M || col >= N) return;
    float acc = 0.0f;
    for (int k = 0; k < K; ++k) acc += A[row * K + k] * B[col * K + k];
    C[row * N + col] = acc;
}

extern "C" void solve(const float* A, const float* B, float* C, int M, int N, int K) {
    const dim3 threads(16, 16);
    const dim3 blocks((N + 15) / 16, (M + 15) / 16);
    matmul_naive<<<blocks, threads>>>(A, B, C, M, N, K);
}
