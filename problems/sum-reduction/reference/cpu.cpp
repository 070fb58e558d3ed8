// CPU reference for sum-reduction: the same declaration on host pointers.
// The sum is accumulated in float64 (exact for these inputs up to ~1e-16
// relative) and rounded once to float32.
extern "C" void solve(const float* input, float* output, int N) {
    double s = 0.0;
    for (int i = 0; i < N; ++i) s += static_cast<double>(input[i]);
    output[0] = static_cast<float>(s);
}
