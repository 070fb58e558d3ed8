// judge: batched-top-k-sampling
// WRONG: greedy decoding. Returns the arg max of each row (smallest index
// among equal maxima) and ignores k, T and u.
#include <cuda_runtime.h>
#include <cstddef>

__global__ void argmax_rows(const float* logits, int* tokens, int vocab) {
    __shared__ float best_v[256];
    __shared__ int best_i[256];
    const float* l = logits + static_cast<size_t>(blockIdx.x) * vocab;
    float bv = l[0];
    int bi = 0;
    for (int i = threadIdx.x; i < vocab; i += blockDim.x) {
        if (l[i] > bv || (l[i] == bv && i < bi)) { bv = l[i]; bi = i; }
    }
    best_v[threadIdx.x] = bv;
    best_i[threadIdx.x] = bi;
    __syncthreads();
    for (int h = blockDim.x / 2; h > 0; h >>= 1) {
        if (threadIdx.x < h) {
            const float ov = best_v[threadIdx.x + h];
            const int oi = best_i[threadIdx.x + h];
            if (ov > best_v[threadIdx.x] || (ov == best_v[threadIdx.x] && oi < best_i[threadIdx.x])) {
                best_v[threadIdx.x] = ov;
                best_i[threadIdx.x] = oi;
            }
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) tokens[blockIdx.x] = best_i[0];
}

extern "C" void solve(const float* logits, const int* top_k, const float* u, int* tokens,
                      int batch, int vocab, float temperature) {
    argmax_rows<<<batch, 256>>>(logits, tokens, vocab);
}
