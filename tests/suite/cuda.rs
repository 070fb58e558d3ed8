//! CUDA submissions (`.cu`, language `cuda`), the SK verdict, the per-problem
//! and `--std` language standard, and the toolchain overrides.
//!
//! Tests that compile CUDA need nvcc, looked for as the judge does
//! (`$JUDGE_NVCC`, `$CUDA_HOME/bin`, `$CUDA_PATH/bin`, PATH, then
//! `make cuda-toolchain`'s cache). Without it they fail when
//! `JUDGE_REQUIRE_CUDA=1` (CI sets it after `make cuda-toolchain`) and
//! otherwise print "skipped: no nvcc" and return.
//!
//! The SK tests set `JUDGE_FAKE_NO_GPU=1`, so they hold on a machine with a
//! GPU too; `gpu_runs_on_a_real_gpu` runs only where `/dev/nvidiactl` exists
//! (there the hanging kernel of case 29 must be TLE and the control AC).

use crate::support::{judge, run_json, solution, test_registry, Reg};
use std::path::{Path, PathBuf};

/// nvcc as the judge finds it, or `None` (then the test is skipped, or fails
/// under `JUDGE_REQUIRE_CUDA=1`).
pub(crate) fn nvcc() -> Option<PathBuf> {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = var("JUDGE_NVCC") {
        candidates.push(p);
    }
    for k in ["CUDA_HOME", "CUDA_PATH"] {
        if let Some(d) = var(k) {
            candidates.push(d.join("bin/nvcc"));
        }
    }
    if let Some(path) = std::env::var_os("PATH") {
        candidates.extend(std::env::split_paths(&path).map(|d| d.join("nvcc")));
    }
    let cache = var("JUDGE_CUDA_DIR").or_else(|| var("XDG_CACHE_HOME").or_else(|| var("HOME").map(|h| h.join(".cache"))).map(|c| c.join("judge/cuda-toolchain")));
    if let Some(c) = cache {
        candidates.push(c.join("nvidia/cu13/bin/nvcc"));
    }
    let found = candidates.into_iter().find(|p| p.is_file());
    if found.is_none() {
        if std::env::var("JUDGE_REQUIRE_CUDA").is_ok_and(|v| v == "1") {
            panic!("JUDGE_REQUIRE_CUDA=1 but no nvcc was found (run `make cuda-toolchain`)");
        }
        eprintln!("skipped: no nvcc (run `make cuda-toolchain`; JUDGE_REQUIRE_CUDA=1 makes this a failure)");
    }
    found
}

/// `judge run FILE -p PROBLEM --format json` on the test registry, with no GPU.
fn run_no_gpu(problem: &str, file: &Path, extra: &[&str]) -> (i32, serde_json::Value, String) {
    let out = judge()
        .env("JUDGE_FAKE_NO_GPU", "1")
        .arg("run")
        .arg(file)
        .args(["--problem", problem, "--format", "json", "--problems"])
        .arg(test_registry())
        .args(extra)
        .output()
        .expect("run judge");
    let report = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), report, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A stdin/stdout `.cu` program compiles with nvcc and, without a GPU, every
/// case is SK with the reason; the run is never AC and exits 4.
#[test]
fn cuda_stdio_program_compiles_and_is_skipped_without_a_gpu() {
    if nvcc().is_none() {
        return;
    }
    let (code, r, err) = run_no_gpu("gpu-sum", &solution("gpu-kernel-hang/sum_ok.cu"), &[]);
    assert_eq!(code, 4, "exit code 4 = nothing judged: {r} {err}");
    assert_eq!(r["verdict"], "SK", "{r}");
    assert_eq!(r["language"], "cuda");
    assert_eq!(r["toolchain"]["name"], "nvcc");
    assert!(r["toolchain"]["version"].as_str().unwrap().starts_with(|c: char| c.is_ascii_digit()), "{r}");
    assert!(r["compile"].is_null(), "it compiled: {r}");
    assert_eq!(r["passed"], 0);
    let cases = r["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 2);
    for c in cases {
        assert_eq!(c["verdict"], "SK", "{c}");
        assert_eq!(c["cause"]["kind"], "skipped");
        assert!(c["cause"]["reason"].as_str().unwrap().starts_with("no usable NVIDIA GPU: "), "{c}");
        assert!(c["message"].as_str().unwrap().starts_with("skipped: no usable NVIDIA GPU"), "{c}");
    }
    // The human report says so plainly, and exits 4 as well.
    let out = judge()
        .env("JUDGE_FAKE_NO_GPU", "1")
        .arg("run")
        .arg(solution("gpu-kernel-hang/sum_ok.cu"))
        .args(["--problem", "gpu-sum", "--problems"])
        .arg(test_registry())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(4), "{text}");
    assert!(text.contains("SK Skipped") && text.contains("Not judged: 2 of 2 cases skipped"), "{text}");
    assert!(!text.contains("AC"), "{text}");
}

/// A `.cu` with a syntax error is CE with nvcc's first error, its line, and
/// the user's file name (not the build directory's solution.cu).
#[test]
fn cuda_syntax_error_is_ce_with_nvccs_message_and_line() {
    if nvcc().is_none() {
        return;
    }
    let (code, r, _) = run_no_gpu("gpu-sum", &solution("gpu-kernel-hang/syntax_error.cu"), &[]);
    assert_eq!(code, 1, "{r}");
    assert_eq!(r["verdict"], "CE", "a CE stays CE without a GPU: {r}");
    let first = r["compile"]["first_error"].as_str().unwrap();
    assert!(first.starts_with("syntax_error.cu(6): error"), "{first}");
    assert!(first.contains("expected a \";\""), "{first}");
    let log = r["compile"]["log"].as_str().unwrap();
    assert!(!log.contains("/tmp/") && !log.contains("solution.cu"), "no build paths: {log}");
    assert!(r["cases"].as_array().unwrap().is_empty());
}

/// Case 29 (tensara#3, ../shared/cases/29-gpu-kernel-hang): the kernel that
/// spins forever compiles, and without a GPU is SK (on a GPU it must be TLE:
/// `gpu_runs_on_a_real_gpu`).
#[test]
fn case29_gpu_kernel_hang_compiles_and_is_skipped_here() {
    if nvcc().is_none() {
        return;
    }
    let start = std::time::Instant::now();
    let (code, r, _) = run_no_gpu("gpu-kernel-hang", &solution("gpu-kernel-hang/hang.cu"), &[]);
    assert_eq!(code, 4, "{r}");
    assert_eq!(r["verdict"], "SK", "{r}");
    assert_eq!(r["cases"][0]["id"], "hidden/1", "hidden ids stay hidden: {r}");
    assert!(r["cases"][0]["details"].is_null());
    assert!(start.elapsed().as_secs() < 60, "nothing ran: no wall limit was waited for");
}

/// On a machine with an NVIDIA GPU (only there): the hanging kernel is TLE
/// by the wall limit with little CPU, and the control program judged right
/// after it is AC.
#[test]
fn gpu_runs_on_a_real_gpu() {
    if !Path::new("/dev/nvidiactl").exists() {
        eprintln!("skipped: no /dev/nvidiactl (no NVIDIA GPU here)");
        return;
    }
    if nvcc().is_none() {
        return;
    }
    let run = run_json(Reg::Tests, "gpu-kernel-hang", &solution("gpu-kernel-hang/hang.cu"), &[]);
    assert_eq!(run.verdict(), "TLE", "{}", run.report);
    assert_eq!(run.report["cases"][0]["cause"]["kind"], "wall_limit", "{}", run.report);
    let run = run_json(Reg::Tests, "gpu-sum", &solution("gpu-kernel-hang/sum_ok.cu"), &[]);
    assert_eq!(run.verdict(), "AC", "{}", run.report);
    assert_eq!(run.code, 0);
}

/// `judge doctor` names nvcc (path and version) and the GPU or why none is usable.
#[test]
fn doctor_prints_nvcc_and_the_gpu() {
    let Some(_) = nvcc() else { return };
    let out = judge().arg("doctor").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.trim_start().starts_with("nvcc ")).unwrap_or_else(|| panic!("no nvcc line: {text}"));
    assert!(line.contains("/nvcc"), "{line}");
    assert!(line.split_whitespace().nth(1).is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit())), "a version: {line}");
    let gpu = text.split("GPU (for CUDA programs):").nth(1).unwrap_or_else(|| panic!("no GPU section: {text}"));
    let first = gpu.lines().nth(1).unwrap_or("");
    assert!(first.trim_start().starts_with("usable") || first.trim_start().starts_with("none"), "{first}");
    if !Path::new("/dev/nvidiactl").exists() {
        assert!(first.contains("/dev/nvidia"), "the reason: {first}");
    }
}

/// `--nvcc` and `--toolchain cuda=…` route through the same per-language
/// override; a bad one is a usage error naming it; `--toolchain` with an
/// unknown language or no `=` is a usage error too.
#[test]
fn toolchain_overrides_are_per_language() {
    let file = solution("gpu-kernel-hang/sum_ok.cu");
    for flag in [vec!["--nvcc", "/nonexistent/nvcc"], vec!["--toolchain", "cuda=/nonexistent/nvcc"]] {
        let (code, _, err) = run_no_gpu("gpu-sum", &file, &flag);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("/nonexistent/nvcc") && err.contains("command-line flag"), "{err}");
    }
    for bad in ["rust=/usr/bin/rustc", "cuda"] {
        let (code, _, err) = run_no_gpu("gpu-sum", &file, &["--toolchain", bad]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("--toolchain"), "{err}");
    }
    // The old flags still work, through the same path.
    let (code, r, err) = run_no_gpu("std-cpp17", &solution("std/ranges_sum.cpp"), &["--cxx", "g++", "--std", "gnu++20"]);
    assert_eq!(code, 0, "{r} {err}");
}

/// The C++ standard: gnu++20 by default; a problem's `[languages] cpp_std`
/// and `--std` (which wins) replace it; a C++20 solution compiled as C++17
/// is CE; a standard that is not one is a usage error.
#[test]
fn the_language_standard_comes_from_the_problem_or_the_flag() {
    let file = solution("std/ranges_sum.cpp");
    // gpu-sum sets no standard: gnu++20, AC (no GPU needed for C++).
    let (code, r, _) = run_no_gpu("gpu-sum", &file, &[]);
    assert_eq!((code, r["verdict"].as_str()), (0, Some("AC")), "{r}");
    let (code, r, _) = run_no_gpu("gpu-sum", &file, &["--std", "c++17"]);
    assert_eq!((code, r["verdict"].as_str()), (1, Some("CE")), "{r}");
    // std-cpp17 sets c++17 in its manifest.
    let (_, r, _) = run_no_gpu("std-cpp17", &file, &[]);
    assert_eq!(r["verdict"], "CE", "{r}");
    assert!(r["compile"]["first_error"].as_str().unwrap().contains("ranges_sum.cpp"), "{r}");
    let (_, r, _) = run_no_gpu("std-cpp17", &file, &["--std", "gnu++23"]);
    assert_eq!(r["verdict"], "AC", "--std wins over the manifest: {r}");
    let (code, _, err) = run_no_gpu("std-cpp17", &file, &["--std", "c++17 -fplugin=x"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a language standard"), "{err}");
    let (code, _, err) = run_no_gpu("gpu-sum", &solution("../../../examples/longest_clean_span.py"), &["--std", "c++17"]);
    assert_eq!(code, 2, "{err}");
}

/// `judge grade` over a repository with a `.cu` and a `.py` solution: the
/// CUDA one is listed as skipped in the scoreboard, JSON, JUnit
/// (`<skipped>`), Gradescope and GitHub output, and the grade passes;
/// `--require-gpu` turns the skip into a failure (exit 1).
#[test]
fn grade_lists_cuda_solutions_as_skipped_and_require_gpu_fails_them() {
    if nvcc().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("problems")).unwrap();
    let copy = |from: &Path, to: &Path| {
        std::process::Command::new("cp").arg("-r").arg(from).arg(to).status().unwrap();
    };
    copy(&test_registry().join("gpu-sum"), &d.join("problems/gpu-sum"));
    std::fs::write(d.join("judge.toml"), "problems = \"problems\"\n").unwrap();
    std::fs::copy(solution("gpu-kernel-hang/sum_ok.cu"), d.join("gpu_sum.cu")).unwrap();
    std::fs::write(d.join("gpu_sum.py"), "n = int(input())\nprint(n * (n + 1) // 2)\n").unwrap();
    let grade = |extra: &[&str]| {
        let mut c = judge();
        c.env("CI", "1")
            .env("JUDGE_FAKE_NO_GPU", "1")
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_STEP_SUMMARY", d.join("summary.md"))
            .arg("grade")
            .arg(d)
            .arg("--json")
            .arg(d.join("grade.json"))
            .arg("--junit")
            .arg(d.join("junit.xml"))
            .arg("--gradescope")
            .arg(d.join("gs.json"))
            .args(extra);
        c.output().unwrap()
    };
    let out = grade(&[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "skips alone do not fail a grade: {text}");
    assert!(text.contains("gpu_sum.cu") && text.contains("SK"), "{text}");
    assert!(text.contains("── gpu_sum.cu (gpu-sum) ── skipped: sample/01: skipped: no usable NVIDIA GPU"), "{text}");
    assert!(text.contains("1/2 solutions accepted · 1 skipped"), "{text}");
    assert!(text.contains("::warning file=gpu_sum.cu"), "a GitHub warning: {text}");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(d.join("grade.json")).unwrap()).unwrap();
    let cu = json["solutions"].as_array().unwrap().iter().find(|s| s["file"] == "gpu_sum.cu").unwrap();
    assert_eq!(cu["verdict"], "SK");
    assert_eq!(cu["language"], "cuda");
    assert_eq!(cu["score"], 0.0);
    let junit = std::fs::read_to_string(d.join("junit.xml")).unwrap();
    assert!(junit.contains("<skipped") && junit.contains("no usable NVIDIA GPU"), "{junit}");
    let gs = std::fs::read_to_string(d.join("gs.json")).unwrap();
    assert!(gs.contains("**SK** Skipped") && gs.contains("not judged here"), "{gs}");
    let summary = std::fs::read_to_string(d.join("summary.md")).unwrap_or_default();
    assert!(summary.contains("| SK |") && summary.contains("1 skipped"), "{summary}");

    let out = grade(&["--require-gpu"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "--require-gpu fails a skip: {text}");
    assert!(text.contains("failed (--require-gpu)"), "{text}");
    assert!(text.contains("::error file=gpu_sum.cu"), "{text}");
    let junit = std::fs::read_to_string(d.join("junit.xml")).unwrap();
    assert!(!junit.contains("<skipped") && junit.contains("<failure") && junit.contains("SK"), "{junit}");
}

/// Problem packages take `.cu` submissions: `judge run x.cu --package DIR`
/// compiles it and, without a GPU, skips every case (exit 4); `judge verify`
/// lists an accepted `.cu` submission as skipped, not as failed.
#[test]
fn packages_take_cuda_submissions() {
    if nvcc().is_none() {
        return;
    }
    let pkg = crate::support::repo().join("tests/packages/sumtwo");
    let out = judge()
        .env("JUDGE_FAKE_NO_GPU", "1")
        .arg("run")
        .arg(solution("cuda-package/sum.cu"))
        .args(["--format", "json", "--package"])
        .arg(&pkg)
        .output()
        .unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(4), "{r}");
    assert_eq!(r["verdict"], "SK", "{r}");
    assert_eq!(r["language"], "cuda");

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("sumtwo");
    assert!(std::process::Command::new("cp").arg("-r").arg(&pkg).arg(&copy).status().unwrap().success());
    std::fs::copy(solution("cuda-package/sum.cu"), copy.join("submissions/accepted/sum.cu")).unwrap();
    let out = judge().env("JUDGE_FAKE_NO_GPU", "1").arg("verify").arg(&copy).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    let line = text.lines().find(|l| l.contains("sum.cu")).unwrap_or_else(|| panic!("sum.cu not listed: {text}"));
    assert!(line.contains("skipped") && line.contains("no usable NVIDIA GPU"), "{line}");
}

/// `judge watch` (piped) shows SK for a CUDA program without a GPU, and a
/// syntax error saved afterwards as nvcc's CE.
#[test]
fn watch_shows_sk_then_ce() {
    if nvcc().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gpu_sum.cu");
    std::fs::copy(solution("gpu-kernel-hang/sum_ok.cu"), &file).unwrap();
    let mut child = judge()
        .env("JUDGE_FAKE_NO_GPU", "1")
        .arg("watch")
        .arg(&file)
        .args(["--problem", "gpu-sum", "--problems"])
        .arg(test_registry())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let buf = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = buf.clone();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n) = std::io::Read::read(&mut stdout, &mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
    });
    let text = || String::from_utf8_lossy(&buf.lock().unwrap()).into_owned();
    let wait = |pred: &dyn Fn(&str) -> bool, what: &str| {
        let start = std::time::Instant::now();
        loop {
            let t = text();
            if pred(&t) {
                return t;
            }
            assert!(start.elapsed() < std::time::Duration::from_secs(120), "timed out waiting for {what}:\n{t}");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    };
    let t = wait(&|t: &str| t.contains("SK Skipped"), "the SK report");
    assert!(t.contains("skipped: no usable NVIDIA GPU"), "{t}");
    std::fs::copy(solution("gpu-kernel-hang/syntax_error.cu"), &file).unwrap();
    let t = wait(&|t: &str| t.contains("CE Compilation Error"), "the CE report");
    assert!(t.contains("gpu_sum.cu(6): error"), "{t}");
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    child.wait().unwrap();
}

/// The compile cache keys CUDA programs like C++ ones (compiler identity and
/// version, flags, sources): a second run of the same `.cu` compiles nothing;
/// another `-std` compiles again.
#[test]
fn the_compile_cache_keys_cuda_by_compiler_and_flags() {
    if nvcc().is_none() {
        return;
    }
    let cache = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let out = judge()
            .env("JUDGE_FAKE_NO_GPU", "1")
            .env("JUDGE_CACHE_DIR", cache.path())
            .arg("run")
            .arg(solution("gpu-kernel-hang/sum_ok.cu"))
            .args(["--problem", "gpu-sum", "--format", "json", "--problems"])
            .arg(test_registry())
            .args(extra)
            .output()
            .unwrap();
        let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(r["verdict"], "SK", "{r}");
        r["compile_cached"].as_bool().unwrap_or(false)
    };
    assert!(!run(&[]), "first run compiles");
    assert!(run(&[]), "second run is a cache hit");
    assert!(!run(&["--std", "c++17"]), "other flags: another key");
    assert!(run(&["--std", "c++17"]));
}

/// The sandbox profile's address-space switch: `no_address_space_limit`
/// wins even over `address_space_limit` (CUDA must never get `RLIMIT_AS`),
/// and a run with neither RLIMIT_AS nor a memory cgroup says the memory
/// limit was not enforced.
#[test]
fn a_cuda_profile_run_never_gets_an_address_space_limit() {
    let sb = judge_sandbox::Sandbox::new(PathBuf::from(env!("CARGO_BIN_EXE_judge")));
    let work = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    std::fs::set_permissions(work.path(), std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    let ulimit = |no_as: bool| {
        let mut spec = judge_sandbox::RunSpec::new("/bin/sh", vec!["sh".into(), "-c".into(), "ulimit -v".into()], work.path());
        spec.memory_kib = Some(256 * 1024);
        spec.address_space_limit = true;
        spec.no_address_space_limit = no_as;
        let out = sb.run(&spec).expect("sandbox run");
        (out.stdout.text().trim().to_string(), out.layers)
    };
    let (limited, _) = ulimit(false);
    assert_eq!(limited, (256 * 1024).to_string(), "RLIMIT_AS applies without the CUDA profile");
    let (unlimited, layers) = ulimit(true);
    assert_eq!(unlimited, "unlimited", "no RLIMIT_AS for a CUDA run");
    let cgroup_memory = layers.enforced.iter().any(|l| l == "cgroup-memory");
    let said = layers.missing.iter().any(|l| l.starts_with("memory-limit: not enforced"));
    assert_eq!(said, !cgroup_memory, "without a memory cgroup the report says the limit is not enforced: {layers:?}");
}

/// Only NVIDIA device nodes may be opened to a program: any other device in
/// the spec makes the run fail as the judge's error, before the program runs.
#[test]
fn only_nvidia_device_nodes_may_be_exposed() {
    let sb = judge_sandbox::Sandbox::new(PathBuf::from(env!("CARGO_BIN_EXE_judge")));
    let work = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    std::fs::set_permissions(work.path(), std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    for dev in ["/dev/sda", "/dev/null", "/dev/nvidia0/../mem"] {
        let mut spec = judge_sandbox::RunSpec::new("/bin/sh", vec!["sh".into(), "-c".into(), "echo ran".into()], work.path());
        spec.devices = vec![PathBuf::from(dev)];
        match sb.run(&spec) {
            Ok(out) => panic!("{dev}: the program ran: {:?}", out.stdout.text()),
            Err(e) => assert!(e.to_string().contains("device"), "{dev}: {e}"),
        }
    }
}

/// `judge new --lang cuda`: a stdin/stdout problem gets the CUDA starter
/// (which compiles); a function problem has none (usage error, exit 2).
#[test]
fn judge_new_writes_a_cuda_starter_for_stdio_problems_only() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("gpu_sum.cu");
    let out = judge().args(["new", "gpu-sum", "--lang", "cuda", "--problems"]).arg(test_registry()).arg("--output").arg(&out_file).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(text.contains("__global__") && text.contains("int main"), "{text}");
    let out = judge().args(["new", "longest-clean-span", "--lang", "cuda", "--output"]).arg(dir.path().join("x.cu")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no cuda starter"), "{}", String::from_utf8_lossy(&out.stderr));
    if nvcc().is_none() {
        return;
    }
    let (code, r, _) = run_no_gpu("gpu-sum", &out_file, &[]);
    assert_eq!((code, r["verdict"].as_str()), (4, Some("SK")), "the starter compiles: {r}");
}
