//! Kattis/ICPC problem packages (tests/packages, written for these tests):
//! legacy and 2025-09 formats, nested secret groups, the default validator
//! with float tolerance, output validators in C++ and Python, input
//! validators, derived time limits, and `judge verify`.

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
