//! The command line: exit codes, problem detection, new/list/show, the JSON
//! schema, hidden data, fail-fast, colours.

use crate::support::{judge, repo, run_json, solution, Reg};
use std::fs;

fn reference(problem: &str, ext: &str) -> std::path::PathBuf {
    repo().join(format!("problems/{problem}/reference/solution.{ext}"))
}

#[test]
fn json_report_follows_the_schema() {
    let run = run_json(Reg::Seed, "longest-clean-span", &reference("longest-clean-span", "py"), &[]);
    let r = &run.report;
    assert_eq!(r["schema_version"], 2);
    assert_eq!(r["problem"], "longest-clean-span");
    assert_eq!(r["language"], "python");
    assert_eq!(r["verdict"], "AC");
    assert_eq!(r["passed"], r["total"]);
    assert!(r["toolchain"]["version"].as_str().unwrap().starts_with('3'));
    assert!(r["toolchain"]["path"].as_str().unwrap().starts_with('/'));
    assert!(r["sandbox"]["enforced"].is_array() && r["sandbox"]["missing"].is_array());
    let cases = r["cases"].as_array().unwrap();
    assert_eq!(cases.len() as u64, r["total"].as_u64().unwrap());
    for c in cases {
        for key in ["id", "hidden", "verdict", "cpu_ms", "wall_ms", "memory_kib", "message"] {
            assert!(c.get(key).is_some(), "case lacks {key}: {c}");
        }
    }
    assert!(cases.iter().any(|c| c["hidden"] == true) && cases.iter().any(|c| c["hidden"] == false));
}

#[test]
fn exit_codes_for_configuration_errors() {
    let out = judge().args(["run", "/nonexistent/x.py", "-p", "longest-clean-span"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/x.py"));

    let out = judge().arg("run").arg(reference("longest-clean-span", "py")).args(["-p", "no-such-problem"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown problem `no-such-problem`"));

    let dir = tempfile::tempdir().unwrap();
    let rb = dir.path().join("longest_clean_span.rb");
    fs::write(&rb, "puts 1").unwrap();
    let out = judge().arg("run").arg(&rb).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported extension `.rb`"));

    let plain = dir.path().join("mystery.py");
    fs::write(&plain, "x = 1\n").unwrap();
    let out = judge().arg("run").arg(&plain).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot tell which problem"));
}

fn broken_registry(manifest: &str, case_in: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("broken");
    fs::create_dir_all(p.join("cases/sample")).unwrap();
    fs::write(p.join("problem.toml"), manifest).unwrap();
    fs::write(p.join("cases/sample/01.in"), case_in).unwrap();
    fs::write(p.join("cases/sample/01.ans"), "1\n").unwrap();
    dir
}

const GOOD_MANIFEST: &str = "id = \"broken\"\ntitle = \"B\"\nkind = \"function\"\n[limits]\ntime_ms = 1000\nmemory_mib = 64\n[function]\nsignature = \"f(a: list[int]) -> int\"\n";

#[test]
fn bad_manifest_and_case_files_name_file_and_field() {
    let reg = broken_registry(&GOOD_MANIFEST.replace("time_ms = 1000", "time_ms = \"soon\""), "[[1]]");
    let out = judge().arg("run").arg(solution("harness-monkeypatch/correct.py")).args(["-p", "broken", "--problems"]).arg(reg.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("problem.toml") && err.contains("time_ms"), "{err}");

    let reg = broken_registry(GOOD_MANIFEST, "[[1, true]]");
    let out = judge().arg("run").arg(solution("harness-monkeypatch/correct.py")).args(["-p", "broken", "--problems"]).arg(reg.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cases/sample/01.in") && err.contains("argument `a`") && err.contains("expected int, got bool"), "{err}");

    let reg = broken_registry(&GOOD_MANIFEST.replace("f(a: list[int])", "f(a: tuple)"), "[[1]]");
    let out = judge().args(["show", "broken", "--problems"]).arg(reg.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("function.signature") && err.contains("tuple"), "{err}");
}

#[test]
fn problem_from_marker_file_name_and_env_registry() {
    let dir = tempfile::tempdir().unwrap();
    let named = dir.path().join("longest_clean_span.py");
    fs::copy(reference("longest-clean-span", "py"), &named).unwrap();
    let out = judge().arg("run").arg(&named).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));

    let marked = dir.path().join("attempt.cpp");
    let src = fs::read_to_string(reference("top-k-sampling", "cpp")).unwrap();
    fs::write(&marked, format!("// judge: top-k-sampling\n{src}")).unwrap();
    let out = judge().arg("run").arg(&marked).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));

    // JUDGE_PROBLEMS selects another registry.
    let out = judge()
        .env("JUDGE_PROBLEMS", crate::support::test_registry())
        .arg("run")
        .arg(solution("harness-monkeypatch/correct.py"))
        .args(["-p", "harness-monkeypatch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn new_writes_the_starter_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = judge().current_dir(dir.path()).args(["new", "longest-clean-span", "--lang", "python"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let file = dir.path().join("longest_clean_span.py");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("judge: longest-clean-span") && text.contains("def longest_clean_span"));
    fs::write(&file, "# my work\n").unwrap();
    let out = judge().current_dir(dir.path()).args(["new", "longest-clean-span", "--lang", "python"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "# my work\n", "user's file untouched");

    // The C++ starter compiles and runs (WA, not CE), found by its marker.
    let out = judge().current_dir(dir.path()).args(["new", "top-k-sampling", "--lang", "cpp", "-o", "topk.cpp"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = judge().current_dir(dir.path()).args(["run", "topk.cpp", "--fail-fast", "--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["verdict"], "WA", "{report}");
}

#[test]
fn list_and_show() {
    let out = judge().arg("list").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("longest-clean-span") && text.contains("top-k-sampling"), "{text}");
    let out = judge().args(["show", "top-k-sampling"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("def sample_top_k(logits: list[float], k: int, temperature: float, u: float) -> int"));
    assert!(text.contains("long long sample_top_k(std::vector<double> logits, long long k, double temperature, double u)"));
    assert!(text.contains("sample_top_k([1.0, 3.0, 2.0], 2, 1.0, 0.5) == 1"), "{text}");
}

#[test]
fn human_report_shows_the_first_failure_with_a_diff_and_no_colour_off_a_terminal() {
    let out = judge()
        .arg("run")
        .arg(solution("return-type-strictness/returns_str.py"))
        .args(["-p", "return-type-strictness", "--reveal", "--problems"])
        .arg(crate::support::test_registry())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("First failing case: hidden/01 (WA)"), "{text}");
    assert!(text.contains("expected: [1, 2, 3, 4]"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour codes off a terminal");

    // A long WA shows a line diff.
    let out = judge().arg("run").arg(solution("longest-clean-span/wa_off_by_one.py")).args(["-p", "longest-clean-span"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("sample/01-example") && text.contains("WA"), "{text}");
    assert!(text.contains("expected: 3") && text.contains("actual:   4"), "{text}");
}

#[test]
fn hidden_data_only_with_reveal_and_fail_fast_skips_the_rest() {
    let run = run_json(Reg::Seed, "longest-clean-span", &solution("longest-clean-span/wa_returns_bool.py"), &[]);
    let first = run.first_failure().unwrap().clone();
    assert_eq!(first["hidden"], true);
    assert!(first.get("details").is_none(), "hidden data shown without --reveal: {first}");
    assert!(first["id"].as_str().unwrap().starts_with("hidden/"));
    let run = run_json(Reg::Seed, "longest-clean-span", &solution("longest-clean-span/wa_returns_bool.py"), &["--reveal", "--fail-fast"]);
    let first = run.first_failure().unwrap();
    assert!(first["details"]["input"].as_str().unwrap().contains("tokens ="), "{first}");
    let skipped = run.report["skipped"].as_u64().unwrap();
    let listed = run.report["cases"].as_array().unwrap().len() as u64;
    assert!(skipped > 0, "fail-fast stops at the first failure");
    assert_eq!(listed + skipped, run.report["total"].as_u64().unwrap());
    assert!(run.report["cases"].as_array().unwrap().iter().all(|c| c["verdict"] != "IE"));
    assert_eq!(run.verdict(), "WA");
}

#[test]
fn lang_flag_and_interpreter_override() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("solution.txt");
    fs::copy(reference("longest-clean-span", "py"), &odd).unwrap();
    let python = which("python3");
    let run = run_json(Reg::Seed, "longest-clean-span", &odd, &["--lang", "python", "--python", &python]);
    assert_eq!(run.verdict(), "AC");
    let bad = judge().arg("run").arg(&odd).args(["--lang", "python", "-p", "longest-clean-span", "--python", "/nonexistent/python9"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not found"));
}

fn which(cmd: &str) -> String {
    std::env::split_paths(&std::env::var_os("PATH").unwrap())
        .map(|d| d.join(cmd))
        .find(|p| p.is_file())
        .expect("on PATH")
        .display()
        .to_string()
}

#[test]
fn the_solution_never_runs_as_root() {
    for file in ["uid-check/check.py", "uid-check/check.cpp"] {
        let run = run_json(Reg::Tests, "uid-check", &solution(file), &["--reveal"]);
        assert_eq!(run.verdict(), "AC", "{file}: {}", run.report);
    }
}

#[test]
fn numpy_values_are_converted_when_numpy_is_installed() {
    let has_numpy = std::process::Command::new("python3").args(["-c", "import numpy"]).status().is_ok_and(|s| s.success());
    let run = run_json(Reg::Tests, "numpy-sum", &solution("numpy-sum/with_numpy.py"), &["--reveal"]);
    if has_numpy {
        assert_eq!(run.verdict(), "AC", "{}", run.report);
    } else {
        // Without numpy the import fails: a runtime error naming the module.
        assert_eq!(run.verdict(), "RE");
        assert!(run.explanation().contains("numpy"), "{}", run.report);
    }
}

/// A venv whose home is closed to other users (mode 700, like /root): the
/// chosen interpreter is made reachable and stays a venv (its own packages import).
#[test]
fn a_venv_interpreter_under_a_closed_home_is_used_as_is() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    fs::set_permissions(home.path(), fs::Permissions::from_mode(0o700)).unwrap();
    let venv = home.path().join("venv");
    let ok = std::process::Command::new("python3").args(["-m", "venv", "--without-pip"]).arg(&venv).status().unwrap();
    assert!(ok.success(), "python3 -m venv failed");
    let site = std::process::Command::new(venv.join("bin/python"))
        .args(["-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
        .output()
        .unwrap();
    let site = String::from_utf8(site.stdout).unwrap().trim().to_string();
    fs::write(std::path::Path::new(&site).join("venv_only_module.py"), "ANSWER = 42\n").unwrap();
    let py = venv.join("bin/python").display().to_string();
    let run = run_json(Reg::Tests, "venv-import", &solution("venv-import/uses_venv_module.py"), &["--python", &py, "--reveal"]);
    assert_eq!(run.verdict(), "AC", "{}", run.report);
    assert_eq!(run.report["toolchain"]["path"].as_str().unwrap(), py);
}

/// Without cgroups (JUDGE_DISABLE_CGROUPS, as on a machine without cgroup
/// access) the memory limit is RLIMIT_AS: a MemoryError or std::bad_alloc
/// under it is still MLE, never RE, and the report says the layer is missing.
#[test]
fn mle_without_cgroups_from_allocation_failures() {
    let cases = [
        (Reg::Seed, "longest-clean-span", "longest-clean-span/mle_hoard.py"),
        (Reg::Tests, "mle-first-run", "mle-first-run/ten_million.py"),
        (Reg::Tests, "mle-reported-as-crash", "mle-reported-as-crash/heap.cpp"),
    ];
    for (reg, problem, file) in cases {
        let mut cmd = crate::support::judge();
        cmd.env("JUDGE_DISABLE_CGROUPS", "1")
            .arg("run")
            .arg(solution(file))
            .args(["-p", problem, "--format", "json", "--fail-fast"]);
        if let Reg::Tests = reg {
            cmd.arg("--problems").arg(crate::support::test_registry());
        }
        let out = cmd.output().unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["verdict"], "MLE", "{file}: {report}");
        let missing = report["sandbox"]["missing"].to_string();
        assert!(missing.contains("JUDGE_DISABLE_CGROUPS"), "{missing}");
    }
}

#[test]
fn more_manifest_mistakes_are_configuration_errors() {
    let cases = [
        (GOOD_MANIFEST.replace("f(a: list[int])", "class(a: list[int])"), "reserved"),
        (GOOD_MANIFEST.replace("f(a: list[int])", "f(a: list[int], a: int)"), "declared twice"),
        (GOOD_MANIFEST.replace("memory_mib = 64", "memory_mib = 18446744073709551615"), "limits.memory_mib"),
        (format!("{GOOD_MANIFEST}[checker]\ntype = \"tokens\"\n"), "checker.type"),
    ];
    for (manifest, needle) in cases {
        let reg = broken_registry(&manifest, "[[1]]");
        let out = judge().args(["show", "broken", "--problems"]).arg(reg.path()).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{needle}: {err}");
        assert!(err.contains("problem.toml") && err.contains(needle), "{needle}: {err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn a_missing_cpp_function_gets_one_clear_error() {
    let run = run_json(Reg::Seed, "longest-clean-span", &solution("longest-clean-span/ce_missing.cpp"), &[]);
    let log = run.report["compile"]["log"].as_str().unwrap();
    assert!(log.contains("no function `longest_clean_span`"), "{log}");
    assert!(!log.contains("returns the wrong type"), "a second, misleading error: {log}");
}

#[test]
fn doctor_reports_layers_and_toolchains() {
    let out = judge().arg("doctor").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    for needle in ["sandbox layers", "pid-namespace", "landlock", "seccomp", "kernel features", "toolchains", "python3", "g++", "nvcc", "judging is possible"] {
        assert!(text.contains(needle), "doctor lacks {needle}: {text}");
    }
}

#[test]
fn strict_sandbox_refuses_when_a_layer_is_missing() {
    let out = judge()
        .env("JUDGE_DISABLE_CGROUPS", "1")
        .arg("run")
        .arg(reference("longest-clean-span", "py"))
        .args(["-p", "longest-clean-span", "--strict-sandbox"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to judge"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = judge()
        .arg("run")
        .arg(reference("longest-clean-span", "py"))
        .args(["-p", "longest-clean-span", "--strict-sandbox"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

/// stdout closed before judge writes (`judge list | head -c0`): a quiet exit
/// with 141 (128 + SIGPIPE), never a panic; read by a pipe closed after one
/// byte (`| head -c1`): 0 or 141, never a panic.
#[test]
fn broken_stdout_pipe_exits_quietly() {
    use std::os::fd::{FromRawFd, OwnedFd};
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
    let (r, w) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(r);
    for format in ["json", "human"] {
        let w = w.try_clone().unwrap();
        let out = judge().args(["list", "--format", format]).stdout(w).output().unwrap();
        assert_eq!(out.status.code(), Some(141), "{format}: {:?}", out.status);
        assert!(out.stderr.is_empty(), "{format}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let mut child = judge()
        .args(["list", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    std::io::Read::read_exact(&mut stdout, &mut one).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(matches!(out.status.code(), Some(0) | Some(141)), "{:?}", out.status);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A failed write to stdout (a full disk) is an error: exit 3 with a message.
#[test]
fn failed_stdout_write_is_an_error() {
    for format in ["json", "human"] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let out = judge().args(["list", "--format", format]).stdout(full).output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{format}: {:?}", out.status);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot write to stdout"), "{format}: {err}");
    }
}
