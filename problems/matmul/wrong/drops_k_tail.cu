// judge: matmul
// WRONG: the K loop covers only the K / 16 full tiles; the last K % 16 terms
// of every dot product are missing (right only when K is a multiple of 16).
#include <cuda_runtime.h>

__global__ void matmul_tiled(const float* A, const float* B, float* C, int M, int N, int K) {
    __shared__ float As[16][16];
    __shared__ float Bs[16][16];
    const int row = blockIdx.y * 16 + threadIdx.y;
    const int col = blockIdx.x * 16 + threadIdx.x;
    float acc = 0.0f;
    for (int t = 0; t + 16 <= K; t += 16) {
        As[threadIdx.y][threadIdx.x] = row < M ? A[row * K + t + threadIdx.x] : 0.0f;
        Bs[threadIdx.y][threadIdx.x] = col < N ? B[(t + threadIdx.y) * N + col] : 0.0f;
        __syncthreads();
        for (int k = 0; k < 16; ++k) acc += As[threadIdx.y][k] * Bs[k][threadIdx.x];
        __syncthreads();
    }
    if (row < M && col < N) C[row * N + col] = acc;
}

extern "C" void solve(const float* A, const float* B, float* C, int M, int N, int K) {
    const dim3 threads(16, 16);
    const dim3 blocks((N + 15) / 16, (M + 15) / 16);
    matmul_tiled<<<blocks, threads>>>(A, B, C, M, N, K);
}
