// CPU reference for matmul: the same declaration on host pointers.
// Row by row (i-k-j order, cache friendly), accumulated in float64 and
// rounded once to float32.
#include <cstddef>
#include <vector>

extern "C" void solve(const float* A, const float* B, float* C, int M, int N, int K) {
    std::vector<double> acc(static_cast<size_t>(N));
    for (int i = 0; i < M; ++i) {
        for (int j = 0; j < N; ++j) acc[j] = 0.0;
        for (int k = 0; k < K; ++k) {
            const double a = A[static_cast<size_t>(i) * K + k];
            const float* b = B + static_cast<size_t>(k) * N;
            for (int j = 0; j < N; ++j) acc[j] += a * static_cast<double>(b[j]);
        }
        for (int j = 0; j < N; ++j) C[static_cast<size_t>(i) * N + j] = static_cast<float>(acc[j]);
    }
}
