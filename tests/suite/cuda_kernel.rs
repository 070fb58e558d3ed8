//! Kernel problems (`kind = "cuda"`): the test problem
//! `tests/fixtures/cuda-problems/saxpy`, judged through the CPU harness (a
//! `.cpp` CPU implementation: the whole comparison path, on any machine), and
//! through the CUDA driver (compiled with nvcc; run only on a GPU).
//!
//! Tests that need nvcc find it as the judge does; without it they print
//! "skipped: no nvcc" and return, unless `JUDGE_REQUIRE_CUDA=1` (CI).

use crate::support::{judge, repo, solution};
use judge_core::kernel::{KernelInput, KernelSignature};
use judge_lang::cuda_driver::{self, KernelReport};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn registry() -> PathBuf {
    repo().join("tests/fixtures/cuda-problems")
}

/// `judge run FILE --problem saxpy --format json` (plus `extra`).
fn run(file: &Path, extra: &[&str]) -> (i32, Value) {
    let out = judge()
        .arg("run")
        .arg(file)
        .args(["--problem", "saxpy", "--format", "json", "--problems"])
        .arg(registry())
        .args(extra)
        .output()
        .expect("run judge");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("no JSON report ({e})\nstdout:\n{stdout}\nstderr:\n{}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), report)
}

fn case<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["cases"].as_array().and_then(|cs| cs.iter().find(|c| c["id"] == id)).unwrap_or_else(|| panic!("no case {id} in {report}"))
}

/// nvcc as the judge finds it, or `None` after printing why the test is
/// skipped (a failure with `JUDGE_REQUIRE_CUDA=1`).
fn nvcc() -> Option<PathBuf> {
    crate::cuda::nvcc()
}

#[test]
fn kernel_cpu_implementations_are_judged_through_the_cpu_harness() {
    let sol = |f: &str| solution(&format!("saxpy/{f}"));
    let (code, r) = run(&sol("cpu_ok.cpp"), &[]);
    assert_eq!((code, r["verdict"].as_str()), (0, Some("AC")), "{r}");
    assert_eq!(r["passed"], 4);

    // All zeros: WA; a sample shows the first mismatches, a hidden case only counts.
    let (code, r) = run(&sol("cpu_zero.cpp"), &[]);
    assert_eq!((code, r["verdict"].as_str()), (1, Some("WA")), "{r}");
    let m = case(&r, "sample/01-small")["message"].as_str().unwrap_or_default().to_string();
    assert!(m.contains("`Z`: 4 of 4 values outside the tolerance") && m.contains("[0]: got 0.0 vs expected 2.5"), "{m}");
    let h = case(&r, "hidden/1")["message"].as_str().unwrap_or_default().to_string();
    assert!(h.contains("of 1000003 values outside the tolerance") && !h.contains("got") && !h.contains("expected"), "hidden: counts only: {h}");
    let (_, revealed) = run(&sol("cpu_zero.cpp"), &["--reveal"]);
    let h = case(&revealed, "hidden/01-large")["message"].as_str().unwrap_or_default().to_string();
    assert!(h.contains("got 0.0 vs expected"), "--reveal shows the values: {h}");

    // Nothing written: the poison fails, and says so.
    let (_, r) = run(&sol("cpu_untouched.cpp"), &[]);
    assert_eq!(r["verdict"], "WA");
    let m = case(&r, "sample/01-small")["message"].as_str().unwrap_or_default().to_string();
    assert!(m.contains("4 never written: still the poison value"), "{m}");

    // A small relative error outside rtol: WA.
    let (_, r) = run(&sol("cpu_off_by_little.cpp"), &[]);
    assert_eq!(r["verdict"], "WA", "{r}");

    // Writing to the inputs changes nothing the judge compares.
    let (code, r) = run(&sol("cpu_writes_inputs.cpp"), &[]);
    assert_eq!((code, r["verdict"].as_str()), (0, Some("AC")), "{r}");

    // A forged report on the result channel: the driver's own follows it, so
    // the channel holds more bytes than the outputs: RE with a fixed message.
    let (_, r) = run(&sol("cpu_forges_channel.cpp"), &[]);
    assert_eq!(r["verdict"], "RE", "{r}");
    let m = case(&r, "sample/01-small")["message"].as_str().unwrap_or_default().to_string();
    assert!(m.contains("more bytes than the output buffers"), "{m}");
    assert!(r["cases"].as_array().unwrap().iter().all(|c| c.get("kernel_ms").is_none()), "no forged kernel time: {r}");

    // A complete report with a kernel time, written by the solution, which
    // then exits before the driver reports: RE, never AC with a forged time.
    for reveal in [false, true] {
        let (_, r) = run(&sol("cpu_forges_kernel_time.cpp"), if reveal { &["--reveal"] } else { &[] });
        assert_eq!(r["verdict"], "RE", "{r}");
        assert!(r["cases"].as_array().unwrap().iter().all(|c| c["verdict"] == "RE" && c.get("kernel_ms").is_none()), "no forged kernel time: {r}");
        let m = case(&r, "sample/01-small")["message"].as_str().unwrap_or_default().to_string();
        assert!(m.contains("forged result channel"), "{m}");
    }
    // Nor a CUDA error (the CPU harness makes no CUDA call).
    let (_, r) = run(&sol("cpu_forges_cuda_error.cpp"), &["--reveal"]);
    assert_eq!(r["verdict"], "RE", "{r}");
    let m = case(&r, "sample/01-small")["message"].as_str().unwrap_or_default().to_string();
    assert!(m.contains("forged result channel") && !m.contains("CUDA error while"), "{m}");

    // An exception: RE with its (standard) type; its message never for a hidden case.
    let (_, r) = run(&sol("cpu_throws.cpp"), &[]);
    assert_eq!(r["verdict"], "RE");
    assert!(case(&r, "sample/01-small")["message"].as_str().unwrap_or_default().contains("std::out_of_range"), "{r}");
    let hidden = case(&r, "hidden/1").to_string();
    assert!(!hidden.contains("secret-message"), "{hidden}");
}

#[test]
fn kernel_generated_cpu_driver_round_trips_every_type() {
    // The CPU harness on a signature with every element type and direction:
    // compiled with g++, fed a blob, its report parsed like the judge does.
    let sig = KernelSignature::parse("mix(A: in i32[N], B: inout f64[N], C: out i64[N + 1], D: out f32[2 * N], N: i32, s: f64)").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("judge_kernel.hpp"), std::fs::read(repo().join("runners/cuda/judge_kernel.hpp")).unwrap()).unwrap();
    std::fs::write(d.join("cpu_driver.cpp"), cuda_driver::generate_cpu_driver(&sig)).unwrap();
    std::fs::write(
        d.join("solution.cpp"),
        r#"extern "C" void mix(const int* A, double* B, long long* C, float* D, int N, double s) {
            for (int i = 0; i < N; ++i) { B[i] = B[i] * s + A[i]; C[i] = (long long)A[i] * 3000000000LL; D[2 * i] = 0.5f; }
            C[N] = -1;
        }"#,
    )
    .unwrap();
    let st = Command::new("g++").args(["-std=gnu++20", "-O2", "-o", "h", "cpu_driver.cpp"]).current_dir(d).status().expect("g++");
    assert!(st.success());
    let input = KernelInput::parse(&sig, br#"{"N": 3, "s": 2.0, "A": [1, -2, 3], "B": {"gen": "range"}}"#).unwrap();
    std::fs::write(d.join("blob"), input.blob(&sig, 1, 100)).unwrap();
    let out = Command::new("bash").arg("-c").arg("./h < blob 3>channel").current_dir(d).status().unwrap();
    assert!(out.success());
    let channel = std::fs::read(d.join("channel")).unwrap();
    let outputs = match cuda_driver::parse_report(&channel, false, input.output_bytes(&sig)).unwrap() {
        KernelReport::Ok { kernel_ms: None, outputs, .. } => outputs,
        other => panic!("{other:?}"),
    };
    let f64s: Vec<f64> = outputs[..24].chunks(8).map(|c| f64::from_le_bytes(c.try_into().unwrap())).collect();
    assert_eq!(f64s, [1.0, 0.0, 7.0], "B = B * s + A");
    let i64s: Vec<i64> = outputs[24..56].chunks(8).map(|c| i64::from_le_bytes(c.try_into().unwrap())).collect();
    assert_eq!(i64s, [3_000_000_000, -6_000_000_000, 9_000_000_000, -1]);
    let f32s: Vec<u32> = outputs[56..].chunks(4).map(|c| u32::from_le_bytes(c.try_into().unwrap())).collect();
    assert_eq!(f32s[0], 0.5f32.to_bits());
    assert_eq!(f32s[1], 0x7FC0_DEAD, "unwritten elements keep the poison");
    // A blob for another signature is refused (the judge's fault: IE).
    std::fs::write(d.join("blob"), b"JKBLOB01\x09\0\0\0").unwrap();
    Command::new("bash").arg("-c").arg("./h < blob 3>channel").current_dir(d).status().unwrap();
    assert_eq!(cuda_driver::parse_report(&std::fs::read(d.join("channel")).unwrap(), false, 4), Ok(KernelReport::BadInput));
}

#[test]
fn kernel_generated_cuda_drivers_compile_with_nvcc() {
    let Some(nvcc) = nvcc() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("judge_kernel.hpp"), std::fs::read(repo().join("runners/cuda/judge_kernel.hpp")).unwrap()).unwrap();
    for (sig, solve) in [
        (
            "solve(A: in f32[N], B: in f32[N], C: out f32[N], N: i32)",
            "__global__ void k(const float* A, const float* B, float* C, int N) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < N) C[i] = A[i] + B[i]; }\n\
             extern \"C\" void solve(const float* A, const float* B, float* C, int N) { k<<<(N + 255) / 256, 256>>>(A, B, C, N); }",
        ),
        (
            "scale(X: inout f64[M * K], idx: out i64[M], M: i64, K: i32, s: f64)",
            "extern \"C\" void scale(double* X, long long* idx, long long M, int K, double s) {}",
        ),
    ] {
        let sig = KernelSignature::parse(sig).unwrap();
        std::fs::write(d.join("driver.cu"), cuda_driver::generate_cuda_driver(&sig)).unwrap();
        std::fs::write(d.join("solution.cu"), solve).unwrap();
        let out = Command::new(&nvcc).args(["-std=c++20", "-O2", "-o", "drv", "driver.cu"]).current_dir(d).output().expect("nvcc");
        assert!(out.status.success(), "{sig}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn kernel_cuda_submissions_compile_and_do_not_pass_without_a_gpu() {
    if nvcc().is_none() {
        return;
    }
    let sol = |f: &str| solution(&format!("saxpy/{f}"));
    // The wrong declaration: CE naming the expected one.
    let (code, r) = run(&sol("gpu_wrong_decl.cu"), &[]);
    assert_eq!((code, r["verdict"].as_str()), (1, Some("CE")), "{r}");
    let ce = r["compile"].to_string();
    assert!(
        ce.contains(r#"expected: extern \"C\" void solve(const float* X, const float* Y, float* Z, float a, int N)"#),
        "the expected declaration: {ce}"
    );
    // A syntax error: CE at the user's file and line.
    let (_, r) = run(&sol("gpu_syntax.cu"), &[]);
    assert_eq!(r["verdict"], "CE");
    assert!(r["compile"]["first_error"].as_str().unwrap_or_default().contains("gpu_syntax.cu(2)"), "{r}");
    // A right kernel: AC with a kernel time on a GPU; without one, nothing
    // is judged (never AC) and every case is counted as skipped.
    let (code, r) = run(&sol("gpu_ok.cu"), &[]);
    match judge_sandbox::linux::gpu::detect().unusable_reason() {
        None => {
            assert_eq!((code, r["verdict"].as_str()), (0, Some("AC")), "{r}");
            assert!(r["cases"][0]["kernel_ms"].as_f64().is_some(), "{r}");
        }
        Some(reason) => {
            // Compiled, then every case skipped (SK, exit 4): never AC.
            assert_eq!((code, r["verdict"].as_str()), (4, Some("SK")), "{r}");
            let cases = r["cases"].as_array().expect("cases");
            assert_eq!(cases.len(), 4, "{r}");
            for c in cases {
                assert_eq!(c["verdict"], "SK", "{r}");
                assert!(c["message"].as_str().unwrap_or_default().contains(reason), "{c}");
            }
        }
    }
}

#[test]
fn kernel_verify_runs_the_cpu_reference_and_compiles_the_cuda_files() {
    if nvcc().is_none() {
        return;
    }
    let out = judge().args(["verify", "--problems"]).arg(registry()).arg("saxpy").output().expect("judge verify");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("reference/cpu.cpp") && text.contains("AC 4/4"), "{text}");
    for f in ["reference/solution.cu", "starter/solution.cu", "wrong/zero.cu"] {
        assert!(text.contains(f), "{f}: {text}");
    }
    // Without a GPU the wrong kernel is only compiled: the summary does not
    // count it as rejected.
    if judge_sandbox::linux::gpu::detect().unusable_reason().is_some() {
        assert!(text.contains("0/1 (1 compiled, not run)"), "{text}");
    }
}

/// A copy of the saxpy problem in a temporary registry, with another `reference/cpu.cpp`.
fn saxpy_with_cpu_reference(cpu: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = registry().join("saxpy");
    let dst = dir.path().join("saxpy");
    for entry in walk(&src) {
        let rel = entry.strip_prefix(&src).unwrap();
        let to = dst.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &to).unwrap();
    }
    std::fs::write(dst.join("reference/cpu.cpp"), cpu).unwrap();
    dir
}

fn walk(d: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(d).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn kernel_a_failing_cpu_reference_is_the_judges_fault() {
    // The reference crashes on the one-element case: that case is IE (never
    // blamed on the submission), the others are judged.
    let reg = saxpy_with_cpu_reference(
        "#include <cstdlib>\nextern \"C\" void solve(const float* X, const float* Y, float* Z, float a, int N) {\n    if (N == 1) std::abort();\n    for (int i = 0; i < N; ++i) Z[i] = a * X[i] + Y[i];\n}\n",
    );
    let out = judge()
        .arg("run")
        .arg(solution("saxpy/cpu_ok.cpp"))
        .args(["--problem", "saxpy", "--format", "json", "--problems"])
        .arg(reg.path())
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(case(&r, "sample/02-one")["verdict"], "IE", "{r}");
    let m = case(&r, "sample/02-one")["message"].as_str().unwrap_or_default().to_string();
    assert!(m.contains("CPU reference (reference/cpu.cpp) failed on this case"), "{m}");
    assert_eq!(case(&r, "sample/01-small")["verdict"], "AC", "{r}");
    assert_eq!(r["verdict"], "IE");

    // A CPU reference that does not compile: the problem's configuration error (exit 2).
    let reg = saxpy_with_cpu_reference("extern \"C\" void solve(const float* X) { int x = ; }\n");
    let out = judge()
        .arg("run")
        .arg(solution("saxpy/cpu_ok.cpp"))
        .args(["--problem", "saxpy", "--problems"])
        .arg(reg.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("reference/cpu.cpp does not compile"), "{err}");
}

#[test]
fn kernel_new_writes_a_cpu_starter_that_compiles_and_refuses_python() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("saxpy_cpu.cpp");
    let out = judge().args(["new", "saxpy", "--lang", "cpp", "--problems"]).arg(registry()).arg("-o").arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(r#"extern "C" void solve(const float* X, const float* Y, float* Z, float a, int N)"#), "{text}");
    assert!(!text.contains("main"), "a CPU implementation of solve, not a stdio program: {text}");
    // The starter as written compiles through the CPU harness: its empty body
    // leaves the outputs at the poison value (WA), never a CE.
    let (code, r) = run(&file, &[]);
    assert_eq!((code, r["verdict"].as_str()), (1, Some("WA")), "{r}");
    let m = case(&r, "sample/01-small")["message"].as_str().unwrap_or_default().to_string();
    assert!(m.contains("never written"), "{m}");

    let out = judge().args(["new", "saxpy", "--lang", "python", "--problems"]).arg(registry()).arg("-o").arg(dir.path().join("x.py")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("kernel problem") && err.contains("--lang cpp"), "{err}");
    assert!(!dir.path().join("x.py").exists(), "nothing written");
}

#[test]
fn kernel_jobs_run_one_case_at_a_time_and_the_summary_does_not_claim_otherwise() {
    let out = judge()
        .arg("run")
        .arg(solution("saxpy/cpu_ok.cpp"))
        .args(["--problem", "saxpy", "--jobs", "4", "--problems"])
        .arg(registry())
        .output()
        .expect("run judge");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("AC Accepted"), "{text}");
    assert!(!text.contains("parallel workers"), "kernel cases run one at a time: {text}");
}
