// CPU reference for vector-add: the same declaration on host pointers.
// One float32 addition per element, exactly as the GPU does it.
extern "C" void solve(const float* A, const float* B, float* C, int N) {
    for (int i = 0; i < N; ++i) C[i] = A[i] + B[i];
}
