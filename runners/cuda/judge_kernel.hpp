// judge's support code for kernel problems (kind = "cuda"), shared by the
// CUDA driver (driver.cu, compiled with nvcc) and the CPU reference harness
// (cpu_driver.cpp, compiled with g++). Plain C++: no CUDA here.
//
// Protocol (docs/drivers.md, "CUDA kernel problems"):
// - stdin: the input blob ("JKBLOB01", counts, repeats, budget_ms, buffer
//   lengths, scalars in 8-byte slots, the in/inout buffers little-endian);
// - fd 3: one header line of JSON, then (status "ok" only) the out/inout
//   buffers' raw bytes in signature order.
#pragma once
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>
#include <cxxabi.h>
#include <fcntl.h>
#include <unistd.h>

namespace judge_kernel {

// Poison values of out buffers (docs/drivers.md; judge_check::tolerance).
inline constexpr std::uint32_t kPoisonF32 = 0x7FC0DEADu;
inline constexpr std::uint64_t kPoisonF64 = 0x7FF8DEADDEADDEADull;
inline constexpr std::int32_t kPoisonI32 = static_cast<std::int32_t>(0xDEADBEEFu);
inline constexpr std::int64_t kPoisonI64 = static_cast<std::int64_t>(0xDEADBEEFDEADBEEFull);

template <class T>
inline T poison_value() {
    T v;
    if constexpr (std::is_same_v<T, float>) {
        std::memcpy(&v, &kPoisonF32, sizeof v);
    } else if constexpr (std::is_same_v<T, double>) {
        std::memcpy(&v, &kPoisonF64, sizeof v);
    } else if constexpr (sizeof(T) == 4) {
        v = static_cast<T>(kPoisonI32);
    } else {
        v = static_cast<T>(kPoisonI64);
    }
    return v;
}

// Write all of `data` to fd 3 (EINTR-safe). A failure ends the program:
// the judge then sees a missing or short result.
inline void write_fd3(const void* data, std::size_t n) {
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
        ssize_t w = ::write(3, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) std::_Exit(1);
        p += w;
        n -= static_cast<std::size_t>(w);
    }
}

// The driver could not use its input: the judge's fault (IE).
[[noreturn]] inline void report_bad_input() {
    const char line[] = "{\"status\":\"bad_input\"}\n";
    write_fd3(line, sizeof line - 1);
    std::_Exit(0);
}

// A CUDA call failed: step is one of the judge's fixed names, error the
// CUDA error's name (cudaGetErrorName).
[[noreturn]] inline void report_cuda_error(const char* step, const char* error) {
    std::string line = "{\"status\":\"cuda_error\",\"step\":\"";
    line += step;
    line += "\",\"error\":\"";
    for (const char* c = error ? error : "unknown"; *c && line.size() < 200; ++c) {
        if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_') line += *c;
    }
    line += "\"}\n";
    write_fd3(line.data(), line.size());
    std::fflush(stdout);
    std::_Exit(0);
}

// `solve` threw: the type's name (demangled, JSON-escaped, capped), whether it was std::bad_alloc.
[[noreturn]] inline void report_exception(const char* mangled, bool memory) {
    int status = 0;
    char* demangled = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
    const char* type = (status == 0 && demangled) ? demangled : mangled;
    std::string line = "{\"status\":\"exception\",\"type\":\"";
    for (const char* c = type; *c && line.size() < 240; ++c) {
        unsigned char u = static_cast<unsigned char>(*c);
        if (u == '"' || u == '\\') { line += '\\'; line += *c; }
        else if (u >= 0x20 && u < 0x7f) line += *c;
    }
    line += memory ? "\",\"memory\":true}\n" : "\",\"memory\":false}\n";
    write_fd3(line.data(), line.size());
    std::fflush(stdout);
    std::_Exit(0);
}

struct Output {
    const void* data;
    std::size_t bytes;
};

// Success: the header line (with the median kernel time when timed), then
// every output buffer's bytes.
[[noreturn]] inline void report_ok(double kernel_ms, unsigned runs, const std::vector<Output>& outputs) {
    char line[160];
    int n;
    if (runs > 0) {
        n = std::snprintf(line, sizeof line, "{\"status\":\"ok\",\"kernel_ms\":%.6f,\"runs\":%u}\n", kernel_ms, runs);
    } else {
        n = std::snprintf(line, sizeof line, "{\"status\":\"ok\"}\n");
    }
    std::fflush(stdout);
    write_fd3(line, static_cast<std::size_t>(n));
    for (const Output& o : outputs) {
        if (o.bytes) write_fd3(o.data, o.bytes);
    }
    std::_Exit(0);
}

// The input blob, read whole from stdin; stdin then points at /dev/null.
class Blob {
  public:
    Blob(std::uint32_t scalars, std::uint32_t buffers) {
        std::vector<unsigned char> buf(1 << 16);
        std::size_t len = 0;
        for (;;) {
            if (len == buf.size()) buf.resize(buf.size() * 2);
            ssize_t r = ::read(0, buf.data() + len, buf.size() - len);
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) report_bad_input();
            if (r == 0) break;
            len += static_cast<std::size_t>(r);
        }
        buf.resize(len);
        data_ = std::move(buf);
        int devnull = ::open("/dev/null", O_RDONLY);
        if (devnull >= 0) {
            ::dup2(devnull, 0);
            ::close(devnull);
        }
        if (data_.size() < 24 || std::memcmp(data_.data(), "JKBLOB01", 8) != 0) report_bad_input();
        pos_ = 8;
        if (u32() != scalars || u32() != buffers) report_bad_input();
        repeats = u32();
        budget_ms = u32();
        for (std::uint32_t i = 0; i < buffers; ++i) lengths.push_back(u64());
        scalar_pos_ = pos_;
        pos_ += 8u * scalars;
        if (pos_ > data_.size()) report_bad_input();
    }

    // The next scalar (8-byte slot, value little-endian in its first bytes).
    template <class T>
    T scalar() {
        if (scalar_pos_ + 8 > data_.size()) report_bad_input();
        T v;
        std::memcpy(&v, data_.data() + scalar_pos_, sizeof v);
        scalar_pos_ += 8;
        return v;
    }

    // The next in/inout buffer of `n` elements.
    template <class T>
    std::vector<T> buffer(std::uint64_t n) {
        if (n > (data_.size() - pos_) / sizeof(T)) report_bad_input();
        std::vector<T> v(static_cast<std::size_t>(n));
        if (n) std::memcpy(v.data(), data_.data() + pos_, static_cast<std::size_t>(n) * sizeof(T));
        pos_ += static_cast<std::size_t>(n) * sizeof(T);
        return v;
    }

    // Every byte was used (call after the last buffer); frees the blob.
    void finish() {
        if (pos_ != data_.size()) report_bad_input();
        std::vector<unsigned char>().swap(data_);
    }

    std::uint32_t repeats = 0;
    std::uint32_t budget_ms = 0;
    std::vector<std::uint64_t> lengths;

  private:
    std::uint32_t u32() {
        if (pos_ + 4 > data_.size()) report_bad_input();
        std::uint32_t v;
        std::memcpy(&v, data_.data() + pos_, 4);
        pos_ += 4;
        return v;
    }
    std::uint64_t u64() {
        if (pos_ + 8 > data_.size()) report_bad_input();
        std::uint64_t v;
        std::memcpy(&v, data_.data() + pos_, 8);
        pos_ += 8;
        return v;
    }

    std::vector<unsigned char> data_;
    std::size_t pos_ = 0;
    std::size_t scalar_pos_ = 0;
};

}  // namespace judge_kernel
