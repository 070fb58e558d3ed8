// judge: batched-top-k-sampling
#include <cuda_runtime.h>

// logits: batch rows of vocab floats (row-major); top_k, u: one per row;
// tokens: one sampled token index per row. All are device pointers.
// Rules per row: see the statement (same as the top-k-sampling problem).
extern "C" void solve(const float* logits, const int* top_k, const float* u, int* tokens,
                      int batch, int vocab, float temperature) {
}
