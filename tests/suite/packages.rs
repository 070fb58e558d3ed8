//! Kattis/ICPC problem packages (tests/packages, written for these tests):
//! legacy and 2025-09 formats, nested secret groups, the default validator
//! with float tolerance, output validators in C++ and Python, input
//! validators, derived time limits, and `judge verify`; the Kattis fidelity
//! kinds of issue 12 (tests/packages/fidelity and the spec's example
//! package, reduced, in tests/packages/maximal).

use crate::support::{judge, repo};

fn packages() -> std::path::PathBuf {
    repo().join("tests/packages")
}

#[test]
fn verify_agrees_with_every_submission_folder() {
    let out = judge().arg("verify").arg(packages()).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(!text.contains("MISMATCH"), "{text}");
    // Every folder kind was exercised, MLE counted as RTE and OLE as WA.
    for needle in [
        "hoard.py                     got MLE  want RE/MLE",
        "flood.py                     got OLE  want WA/OLE",
        "spin.py                      got TLE",
        "crash.cpp                    got RE",
        "int_overflow.cpp             got WA",
        "Sum.java",
        "language not supported: skipped",
        "input validator validate.py: all 5 inputs valid",
        "derived: slowest accepted",
        "time limit: 2000 ms (from problem.yaml)",
        "interactive (or multi-pass / submit-answer) problems are not supported",
    ] {
        assert!(text.contains(needle), "verify output lacks {needle:?}:\n{text}");
    }
}

#[test]
fn verify_reports_invalid_inputs_and_disagreements() {
    let bad = repo().join("tests/fixtures/bad-packages/badinput");
    let out = judge().arg("verify").arg(&bad).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("REJECTED secret/2-invalid"), "{text}");
    assert!(text.contains("MISMATCH"), "{text}");
}

#[test]
fn run_against_a_package() {
    let pkg = packages().join("sumtwo");
    let out = judge()
        .arg("run")
        .arg(pkg.join("submissions/accepted/sum.cpp"))
        .arg("--package")
        .arg(&pkg)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["verdict"], "AC", "{report}");
    // Nested secret groups, in lexicographic order.
    let ids: Vec<&str> = report["cases"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids[0], "sample/1");
    assert_eq!(ids.len(), 5);
    // The same through --problems with a folder of packages, by package name.
    let out = judge()
        .arg("run")
        .arg(packages().join("anyorder/submissions/wrong_answer/missing_one.py"))
        .args(["-p", "anyorder", "--reveal", "--format", "json", "--problems"])
        .arg(packages())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["verdict"], "WA");
    assert!(report["cases"][0]["message"].as_str().unwrap().contains("not a permutation"), "{report}");
}

#[test]
fn interactive_packages_are_unsupported_with_a_clear_message() {
    let pkg = packages().join("interactive");
    let out = judge().arg("run").arg(repo().join("tests/fixtures/solutions/testlib-checker/sum.py")).arg("--package").arg(&pkg).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("interactive"));
}

/// Broken packages are each reported (typo in problem.yaml, a validator that
/// does not compile) without hiding the others; exit 2.
#[test]
fn broken_packages_are_configuration_errors_reported_one_by_one() {
    let out = judge().arg("verify").arg(repo().join("tests/fixtures/bad-packages")).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("unknown key `validator_flag`"), "{text}");
    assert!(text.contains("validate.cpp does not compile"), "{text}");
    assert!(text.contains("REJECTED secret/2-invalid"), "the other packages are still verified: {text}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

/// Per-group validator arguments: floatdiv's `exact` group compares numbers
/// as strings while the others allow 1e-6.
#[test]
fn group_validator_arguments_apply_to_their_group_only() {
    let pkg = packages().join("floatdiv");
    let out = judge()
        .arg("run")
        .arg(pkg.join("submissions/wrong_answer/seven_digits.py"))
        .arg("--package")
        .arg(&pkg)
        .args(["--format", "json", "--reveal"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let verdicts: Vec<(String, String)> = report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_string(), c["verdict"].as_str().unwrap().to_string()))
        .collect();
    for (id, v) in &verdicts {
        let want = if id.starts_with("secret/exact") { "WA" } else { "AC" };
        assert_eq!(v, want, "{id}: {report}");
    }
}

/// A Kattis package in a fresh temp dir whose output validator runs
/// `validator_body` (Python, with `fb` = the feedback directory) and exits 43.
fn package_with_validator(validator_body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("feedback");
    for (rel, text) in [
        ("problem.yaml", "problem_format_version: 2025-09\nname: Feedback files\nlimits:\n  time_limit: 2\n"),
        ("data/sample/1.in", "1\n"),
        ("data/sample/1.ans", "1\n"),
        ("data/secret/1.in", "2\n"),
        ("data/secret/1.ans", "2\n"),
        ("submissions/wrong_answer/zero.py", "print(0)\n"),
    ] {
        let f = p.join(rel);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, text).unwrap();
    }
    let validator = format!("import os, sys\nfb = sys.argv[3]\nsys.stdin.read()\n{validator_body}\nsys.exit(43)\n");
    std::fs::create_dir_all(p.join("output_validator")).unwrap();
    std::fs::write(p.join("output_validator/validator.py"), validator).unwrap();
    dir
}

/// `judge run` on the package's wrong answer, in both formats: (human, JSON, time of the slower).
fn run_feedback_package(dir: &std::path::Path) -> (String, String, std::time::Duration) {
    let pkg = dir.join("feedback");
    let mut slowest = std::time::Duration::ZERO;
    let mut texts = Vec::new();
    for format in ["human", "json"] {
        let start = std::time::Instant::now();
        let out = judge()
            .arg("run")
            .arg(pkg.join("submissions/wrong_answer/zero.py"))
            .arg("--package")
            .arg(&pkg)
            .args(["--format", format, "--reveal"])
            .output()
            .unwrap();
        slowest = slowest.max(start.elapsed());
        texts.push(format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)));
    }
    let json = texts.pop().unwrap();
    (texts.pop().unwrap(), json, slowest)
}

/// An output validator that leaves judgemessage.txt as a symlink to a file
/// only root can read: the judge (root) does not follow it; the secret is
/// nowhere in the human or JSON report, which says the file was ignored.
#[test]
fn validator_feedback_symlink_is_not_followed() {
    let secret_dir = tempfile::tempdir().unwrap();
    let secret = secret_dir.path().join("shadow");
    std::fs::write(&secret, "root-only-secret-4f1e9a\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    let body = format!(
        "os.symlink({:?}, os.path.join(fb, 'judgemessage.txt'))\nos.symlink('/etc/shadow', os.path.join(fb, 'teammessage.txt'))",
        secret.display().to_string()
    );
    let pkg = package_with_validator(&body);
    let (human, json, _) = run_feedback_package(pkg.path());
    for text in [&human, &json] {
        assert!(!text.contains("root-only-secret"), "the secret leaked:\n{text}");
        assert!(!text.contains("root:"), "/etc/shadow leaked:\n{text}");
    }
    let report: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(report["verdict"], "WA", "{report:#}");
    assert!(json.contains("feedback file judgemessage.txt ignored: not a regular file"), "{json}");
}

/// An output validator that leaves judgemessage.txt as a FIFO (nobody
/// writes to it) does not hang the judge.
#[test]
fn validator_feedback_fifo_does_not_hang_the_judge() {
    let pkg = package_with_validator("os.mkfifo(os.path.join(fb, 'judgemessage.txt'))\nos.mkfifo(os.path.join(fb, 'teammessage.txt'))");
    let (_, json, slowest) = run_feedback_package(pkg.path());
    assert!(slowest < std::time::Duration::from_secs(60), "the judge took {slowest:?}");
    let report: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(report["verdict"], "WA", "{report:#}");
    assert!(json.contains("ignored: not a regular file"), "{json}");
}

/// `judge verify` with its own empty cache folder: (exit code, stdout, stderr).
fn verify_isolated(dir: &std::path::Path) -> (Option<i32>, String, String) {
    let cache = tempfile::tempdir().unwrap();
    let out = judge().arg("verify").arg(dir).env("XDG_CACHE_HOME", cache.path()).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn has_checktestdata() -> bool {
    std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("checktestdata").is_file()))
}

/// The kinds problemtools judged right and judge did not: exit()/quit() in
/// Python stdio programs, .py3 files, C, C++20, Python 2 run by a python2 or skipped with a
/// reason, OLE accepted in time_limit_exceeded, partially_accepted checked,
/// 2025-09 test_group.yaml keys accepted with a note, include/ and
/// constants, folder and C input validators, checktestdata said not run
/// (or run), folder submissions (Python with __main__.py, C++ with a
/// header), and the time limit derived from every language with progress.
#[test]
fn kattis_fidelity_kinds_verify_as_promised() {
    let (code, text, err) = verify_isolated(&packages().join("fidelity"));
    assert_eq!(code, Some(0), "{text}\n{err}");
    let skipped = if text.contains("legacy.py                    got WA") { 0 } else { 1 };
    assert!(text.contains(&format!("OK: {} as promised, 0 not, {skipped} skipped", 10 - skipped)), "{text}");
    for needle in [
        "exit_call.py                 got AC",
        "quit_call.py3                got AC",
        "sum.c                        got AC",
        "ranges.cpp                   got AC",
        "py_folder                    got AC",
        "cpp_folder                   got AC",
        "small_only.py                got WA   want WA/TLE/OLE",
        "flood.c                      got OLE  want TLE/OLE",
        "constant.py                  got WA",
        "6 accepted submission(s) ran",
        "note: scoring problem: judged pass-fail",
        "note: `input_visualizer_args` ignored: judge runs no visualizers",
        "note: `static_validator_args` ignored: judge runs no static validation",
        "input validator bounds.cpp: all 4 inputs valid",
        "input validator single.c: all 4 inputs valid",
    ] {
        assert!(text.contains(needle), "verify output lacks {needle:?}:\n{text}");
    }
    // A `#!…python2` file runs with a working python2 ($JUDGE_PYTHON2 or
    // PATH), else it is skipped with the reason.
    let python2 = std::env::var("JUDGE_PYTHON2").ok().filter(|v| !v.is_empty()).unwrap_or_else(|| "python2".into());
    let has_python2 = std::process::Command::new(&python2).args(["-c", "import sys; assert sys.version_info[0] == 2"]).output().is_ok_and(|o| o.status.success());
    if has_python2 {
        assert!(text.contains("legacy.py                    got WA   want WA/OLE"), "{text}");
    } else {
        assert!(text.contains("legacy.py                    got -    want WA/OLE           0 ms  Python 2 (`python2` shebang or .py2): no working python2"), "{text}");
    }
    if has_checktestdata() {
        assert!(text.contains("input validator input_validators/format.ctd: all 4 inputs valid"), "{text}");
    } else {
        assert!(text.contains("input validator input_validators/format.ctd: NOT RUN (checktestdata not installed"), "{text}");
    }
    // Progress on stderr: each accepted submission, i/N, once.
    for (i, name) in ["cpp_folder", "exit_call.py", "py_folder", "quit_call.py3", "ranges.cpp", "sum.c"].iter().enumerate() {
        let line = format!("time limit: [{}/6] running accepted/{name}", i + 1);
        assert_eq!(err.matches(&line).count(), 1, "{line:?} once in:\n{err}");
    }
    // The accepted submissions ran once: exit_call.py burns a random
    // 40-200 ms, and the table shows the time-limit run's figure.
    let probe_ms = err
        .lines()
        .find_map(|l| l.strip_prefix("time limit: [2/6] accepted/exit_call.py: AC, slowest case "))
        .and_then(|r| r.strip_suffix(" ms"))
        .unwrap_or_else(|| panic!("no probe line for exit_call.py:\n{err}"));
    let table = text.lines().find(|l| l.contains("exit_call.py")).unwrap();
    assert!(table.contains(&format!(" {probe_ms} ms")), "the table's run is not the time-limit run ({probe_ms} ms):\n{table}");
}

/// The spec's own example package (reduced): include/python3 with a
/// constant, an output validator with a constant, visualizer arguments, a
/// folder submission whose entry point submissions.yaml names.
#[test]
fn the_specs_maximal_example_verifies() {
    let (code, text, err) = verify_isolated(&packages().join("maximal"));
    assert_eq!(code, Some(0), "{text}\n{err}");
    for needle in [
        "accepted.py                  got AC",
        "wrong.py                     got WA",
        "not_defined                  got RE   want RE/MLE/OLE",
        "time limit: 10000 ms (from problem.yaml)",
        "note: `output_visualizer_args` ignored",
    ] {
        assert!(text.contains(needle), "verify output lacks {needle:?}:\n{text}");
    }
    if !has_checktestdata() {
        assert!(text.contains("validator.ctd: NOT RUN (checktestdata not installed"), "{text}");
        assert!(!text.contains("no input validators"), "{text}");
    }
}

/// `judge run --package` derives the limit once, showing progress, and
/// reads it from the cache (keyed by the package's hash) afterwards.
#[test]
fn run_package_derives_the_time_limit_once_and_caches_it() {
    let cache = tempfile::tempdir().unwrap();
    let pkg = packages().join("fidelity");
    let run = || {
        let out = judge()
            .arg("run")
            .arg(pkg.join("submissions/accepted/sum.c"))
            .arg("--package")
            .arg(&pkg)
            .env("XDG_CACHE_HOME", cache.path())
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, out, err) = run();
    assert_eq!(code, Some(0), "{out}\n{err}");
    assert!(err.contains("time limit: [2/6] running accepted/exit_call.py"), "{err}");
    assert!(err.contains("time limit 1000 ms (derived: slowest accepted"), "{err}");
    let entries: Vec<_> = std::fs::read_dir(cache.path().join("judge/time-limits")).unwrap().flatten().collect();
    assert_eq!(entries.len(), 1, "one cache entry");
    let (code, out, err) = run();
    assert_eq!(code, Some(0), "{out}\n{err}");
    assert!(!err.contains("running accepted"), "derived again:\n{err}");
    assert!(err.contains("time limit 1000 ms (derived: slowest accepted") && err.contains("[cached in "), "{err}");
}

/// An accepted submission that fails the time-limit run is named, not
/// dropped silently; C++20 is the default standard; exit(3) is RE.
#[test]
fn a_failed_time_limit_run_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("probe");
    for (rel, text) in [
        ("problem.yaml", "problem_format_version: 2025-09\nname: Probe\n"),
        ("data/secret/1.in", "2\n"),
        ("data/secret/1.ans", "2\n"),
        ("submissions/accepted/echo.py", "print(input())\nquit()\n"),
        ("submissions/accepted/zero.py", "print(0)\n"),
        ("submissions/run_time_error/exit3.py", "input()\nexit(3)\n"),
    ] {
        let f = p.join(rel);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, text).unwrap();
    }
    let (code, text, err) = verify_isolated(&p);
    assert_eq!(code, Some(1), "{text}\n{err}");
    assert!(text.contains("not used (failed at 30 s): accepted/zero.py got WA"), "{text}");
    assert!(text.contains("MISMATCH  accepted               zero.py"), "{text}");
    assert!(text.contains("exit3.py                     got RE"), "{text}");
    assert!(err.contains("[2/2] accepted/zero.py: WA — not used for the time limit"), "{err}");
}

/// Compiler messages name the user's file once: a name that contains
/// `solution.c` (`my_solution.cpp`) is not rewritten twice.
#[test]
fn compile_errors_name_the_users_file_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("my_solution.cpp");
    std::fs::write(&file, "int main() { return undeclared_name; }\n").unwrap();
    let out = judge().arg("run").arg(&file).arg("--package").arg(packages().join("anyorder-py")).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("my_solution.cpp:1:"), "{text}");
    assert!(!text.contains("my_my_solution") && !text.contains(".cpppp"), "{text}");
}

/// Links in a folder submission or in include/ are not followed: the judge
/// reads package files as root, and a link would copy any file into the run.
#[test]
fn links_in_folder_submissions_and_include_are_not_followed() {
    let secret_dir = tempfile::tempdir().unwrap();
    let secret = secret_dir.path().join("secret.txt");
    std::fs::write(&secret, "root-only-7c1d\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("links");
    for (rel, text) in [
        ("problem.yaml", "problem_format_version: 2025-09\nname: Links\nlimits:\n  time_limit: 1\n"),
        ("data/secret/1.in", "1\n"),
        ("data/secret/1.ans", "1\n"),
        ("submissions/accepted/echo.py", "import os\nprint(input())\nassert not os.path.exists(os.path.join(os.path.dirname(__file__), 'stolen.txt'))\n"),
        ("submissions/wrong_answer/linked/__main__.py", "print(open(__file__.replace('__main__.py', 'stolen.txt')).read())\n"),
    ] {
        let f = p.join(rel);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, text).unwrap();
    }
    std::fs::create_dir_all(p.join("include/python3")).unwrap();
    std::os::unix::fs::symlink(&secret, p.join("include/python3/stolen.txt")).unwrap();
    std::os::unix::fs::symlink(&secret, p.join("submissions/wrong_answer/linked/stolen.txt")).unwrap();
    let (code, text, err) = verify_isolated(&p);
    assert!(!text.contains("root-only") && !err.contains("root-only"), "{text}\n{err}");
    assert_eq!(code, Some(0), "{text}\n{err}");
    assert!(text.contains("echo.py                      got AC"), "{text}");
    assert!(text.contains("folder submission: `stolen.txt` is a symbolic link: skipped"), "{text}");
}
