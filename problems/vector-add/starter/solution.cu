// judge: vector-add
#include <cuda_runtime.h>

// A, B and C are device pointers; C[i] = A[i] + B[i] for 0 <= i < N.
// Write a __global__ kernel and launch it here (the judge synchronises).
extern "C" void solve(const float* A, const float* B, float* C, int N) {
}
