// judge: batched-top-k-sampling
// One block per row, no sorting. Logits map to order-preserving 32-bit keys
// (0.0 and -0.0 share one key), then:
//  1. radix select (4 passes of 8 bits, a 256-bin histogram in shared memory)
//     finds the k-th largest key t and how many tokens with key == t are kept
//     (ties at the cut keep the smallest indices): a chunked scan in index
//     order finds the last kept index with key t;
//  2. the weights exp((l - m) / T) are summed in float64 (W);
//  3. a second radix descent, over weight mass instead of counts, finds the
//     key v of the token at which the cumulative weight (in the order
//     descending logit, ascending index) first exceeds u * W; within the tie
//     group of key v every weight is the same, so the answer is the c-th
//     smallest index with key v, c = floor((u * W - mass above v) / w_v) + 1.
#include <cuda_runtime.h>
#include <cstddef>

namespace {

constexpr int kThreads = 512;

__device__ __forceinline__ unsigned key_of(float x) {
    if (x == 0.0f) x = 0.0f;  // -0.0 ties with 0.0
    const unsigned b = __float_as_uint(x);
    return (b & 0x80000000u) ? ~b : (b | 0x80000000u);
}

__device__ double block_sum(double v, double* scratch) {
    for (int off = 16; off > 0; off >>= 1) v += __shfl_xor_sync(0xffffffffu, v, off);
    const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
    if (lane == 0) scratch[warp] = v;
    __syncthreads();
    v = lane < kThreads / 32 ? scratch[lane] : 0.0;
    for (int off = 16; off > 0; off >>= 1) v += __shfl_xor_sync(0xffffffffu, v, off);
    __syncthreads();
    return v;
}

__device__ float block_max(float v, float* scratch) {
    for (int off = 16; off > 0; off >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, off));
    const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
    if (lane == 0) scratch[warp] = v;
    __syncthreads();
    v = lane < kThreads / 32 ? scratch[lane] : -3.402823466e38f;
    for (int off = 16; off > 0; off >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, off));
    __syncthreads();
    return v;
}

// The n-th (1-based) smallest index i < limit with key_of(l[i]) == key, or the
// last such index (-1: none) if there are fewer than n. Same result in every
// thread. Chunks of kThreads indices in order; __syncthreads_count counts the
// hits of a chunk, and only the chunk holding the n-th hit is scanned one by
// one (by thread 0).
__device__ int nth_index_with_key(const float* l, int limit, unsigned key, int n, int* shared_out,
                                  int* shared_last) {
    if (threadIdx.x == 0) *shared_last = -1;
    __syncthreads();
    int seen = 0;
    for (int base = 0; base < limit; base += kThreads) {
        const int i = base + threadIdx.x;
        const bool hit = i < limit && key_of(l[i]) == key;
        const unsigned ballot = __ballot_sync(0xffffffffu, hit);
        if (ballot != 0 && threadIdx.x % 32 == 0) {
            atomicMax(shared_last, i + 31 - __clz(static_cast<int>(ballot)));  // the warp's last hit
        }
        const int count = __syncthreads_count(hit);
        if (count == 0) continue;
        if (seen + count >= n) {
            if (threadIdx.x == 0) {
                int s = seen;
                for (int j = base; j < limit && j < base + kThreads; ++j) {
                    if (key_of(l[j]) == key && ++s == n) { *shared_out = j; break; }
                }
            }
            __syncthreads();
            const int r = *shared_out;
            __syncthreads();
            return r;
        }
        seen += count;
    }
    __syncthreads();
    const int r = *shared_last;
    __syncthreads();
    return r;
}

__global__ void sample_rows(const float* __restrict__ logits, const int* __restrict__ top_k,
                            const float* __restrict__ u, int* __restrict__ tokens, int vocab,
                            float temperature) {
    __shared__ unsigned count_hist[256];
    __shared__ double mass_hist[256];
    __shared__ double dscratch[kThreads / 32];
    __shared__ float fscratch[kThreads / 32];
    __shared__ unsigned sel_prefix;
    __shared__ int sel_int;
    __shared__ int last_int;
    __shared__ double sel_double;

    const int row = blockIdx.x;
    const float* l = logits + static_cast<size_t>(row) * vocab;
    int k = top_k[row];
    if (k <= 0 || k > vocab) k = vocab;

    // 1. The k-th largest key t; `need` of the tokens with key t are kept.
    unsigned prefix = 0, mask = 0;
    int need = k;
    for (int shift = 24; shift >= 0; shift -= 8) {
        for (int d = threadIdx.x; d < 256; d += kThreads) count_hist[d] = 0;
        __syncthreads();
        // Runs of one digit are added once (a row of ties would otherwise
        // serialise on one shared-memory counter).
        unsigned run_digit = 256, run_count = 0;
        for (int i = threadIdx.x; i < vocab; i += kThreads) {
            const unsigned key = key_of(l[i]);
            if ((key & mask) != prefix) continue;
            const unsigned digit = (key >> shift) & 255u;
            if (digit != run_digit) {
                if (run_count != 0) atomicAdd(&count_hist[run_digit], run_count);
                run_digit = digit;
                run_count = 0;
            }
            ++run_count;
        }
        if (run_count != 0) atomicAdd(&count_hist[run_digit], run_count);
        __syncthreads();
        if (threadIdx.x == 0) {
            int above = 0, d = 255;
            for (; d > 0; --d) {
                if (above + static_cast<int>(count_hist[d]) >= need) break;
                above += static_cast<int>(count_hist[d]);
            }
            sel_prefix = prefix | (static_cast<unsigned>(d) << shift);
            sel_int = need - above;
        }
        __syncthreads();
        prefix = sel_prefix;
        need = sel_int;
        mask |= 255u << shift;
        __syncthreads();
    }
    const unsigned cut_key = prefix;
    const int cut_index = nth_index_with_key(l, vocab, cut_key, need, &sel_int, &last_int);

    // 2. Weights relative to the largest logit, total W in float64.
    float mx = -3.402823466e38f;
    for (int i = threadIdx.x; i < vocab; i += kThreads) mx = fmaxf(mx, l[i]);
    const double m = block_max(mx, fscratch);
    const double t = temperature;
    auto kept = [&](int i, unsigned key) { return key > cut_key || (key == cut_key && i <= cut_index); };
    double part = 0.0;
    for (int i = threadIdx.x; i < vocab; i += kThreads) {
        if (kept(i, key_of(l[i]))) part += exp((static_cast<double>(l[i]) - m) / t);
    }
    const double total = block_sum(part, dscratch);
    const double target = static_cast<double>(u[row]) * total;

    // 3. Radix descent over the weight mass of kept tokens.
    prefix = 0;
    mask = 0;
    double above = 0.0;
    for (int shift = 24; shift >= 0; shift -= 8) {
        for (int d = threadIdx.x; d < 256; d += kThreads) mass_hist[d] = 0.0;
        __syncthreads();
        unsigned run_digit = 256;
        double run_mass = 0.0;
        for (int i = threadIdx.x; i < vocab; i += kThreads) {
            const unsigned key = key_of(l[i]);
            if ((key & mask) != prefix || !kept(i, key)) continue;
            const unsigned digit = (key >> shift) & 255u;
            if (digit != run_digit) {
                if (run_digit < 256) atomicAdd(&mass_hist[run_digit], run_mass);
                run_digit = digit;
                run_mass = 0.0;
            }
            run_mass += exp((static_cast<double>(l[i]) - m) / t);
        }
        if (run_digit < 256) atomicAdd(&mass_hist[run_digit], run_mass);
        __syncthreads();
        if (threadIdx.x == 0) {
            int d = 255, last_nonzero = -1;
            double acc = above, acc_before_last = above;
            for (; d >= 0; --d) {
                if (mass_hist[d] > 0.0) {
                    if (acc + mass_hist[d] > target) break;
                    last_nonzero = d;
                    acc_before_last = acc;
                }
                acc += mass_hist[d];
            }
            if (d < 0) {  // rounding left target at or above the total: the last token of positive weight
                d = last_nonzero < 0 ? 0 : last_nonzero;
                acc = acc_before_last;
            }
            sel_prefix = prefix | (static_cast<unsigned>(d) << shift);
            sel_double = acc;
        }
        __syncthreads();
        prefix = sel_prefix;
        above = sel_double;
        mask |= 255u << shift;
        __syncthreads();
    }
    // Every token with key `prefix` has the same logit, hence the same weight.
    const unsigned key = prefix;
    float lv = __uint_as_float((key & 0x80000000u) ? (key & 0x7fffffffu) : ~key);
    const double w = exp((static_cast<double>(lv) - m) / t);
    double c = w > 0.0 ? floor((target - above) / w) + 1.0 : 1.0;
    if (c < 1.0) c = 1.0;
    if (c > static_cast<double>(vocab)) c = static_cast<double>(vocab);
    const int limit = key == cut_key ? cut_index + 1 : vocab;
    const int answer = nth_index_with_key(l, limit, key, static_cast<int>(c), &sel_int, &last_int);
    if (threadIdx.x == 0) tokens[row] = answer;
}

}  // namespace

extern "C" void solve(const float* logits, const int* top_k, const float* u, int* tokens,
                      int batch, int vocab, float temperature) {
    if (batch > 0 && vocab > 0) sample_rows<<<batch, kThreads>>>(logits, top_k, u, tokens, vocab, temperature);
}
