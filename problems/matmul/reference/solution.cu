// judge: matmul
// Shared-memory tiling: each 16 x 16 block computes a 16 x 16 tile of C,
// walking K in tiles of 16 that are staged in shared memory (zero-padded at
// the edges, so partial tiles of M, N and K need no special case).
#include <cuda_runtime.h>

namespace {

constexpr int kTile = 16;

__global__ void matmul_tiled(const float* __restrict__ A, const float* __restrict__ B,
                             float* __restrict__ C, int M, int N, int K) {
    __shared__ float As[kTile][kTile];
    __shared__ float Bs[kTile][kTile + 1];
    const int row = blockIdx.y * kTile + threadIdx.y;
    const int col = blockIdx.x * kTile + threadIdx.x;
    float acc = 0.0f;
    for (int t = 0; t < K; t += kTile) {
        const int ak = t + threadIdx.x, bk = t + threadIdx.y;
        As[threadIdx.y][threadIdx.x] = (row < M && ak < K) ? A[static_cast<size_t>(row) * K + ak] : 0.0f;
        Bs[threadIdx.y][threadIdx.x] = (bk < K && col < N) ? B[static_cast<size_t>(bk) * N + col] : 0.0f;
        __syncthreads();
#pragma unroll
        for (int k = 0; k < kTile; ++k) acc += As[threadIdx.y][k] * Bs[k][threadIdx.x];
        __syncthreads();
    }
    if (row < M && col < N) C[static_cast<size_t>(row) * N + col] = acc;
}

}  // namespace

extern "C" void solve(const float* A, const float* B, float* C, int M, int N, int K) {
    if (M <= 0 || N <= 0) return;
    const dim3 threads(kTile, kTile);
    const dim3 blocks((N + kTile - 1) / kTile, (M + kTile - 1) / kTile);
    matmul_tiled<<<blocks, threads>>>(A, B, C, M, N, K);
}
