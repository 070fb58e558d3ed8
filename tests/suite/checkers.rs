//! stdio problems and their checkers, with the shared cases 01, 03, 05 and 07
//! (copied into tests/fixtures/problems), checker programs in the testlib and
//! Kattis interfaces, and the text diff of the human report.

use crate::support::{judge, run_json, solution, test_registry, Reg};

fn verdict(problem: &str, file: &str) -> crate::support::Run {
    run_json(Reg::Tests, problem, &solution(file), &["--reveal"])
}

/// 01 (oj#876): CRLF line ends are whitespace for `tokens` and `lines`, not
/// for `exact`, whose diff shows the CR and hints that only whitespace differs.
#[test]
fn case01_crlf_line_endings() {
    assert_eq!(verdict("crlf-tokens", "crlf-tokens/crlf.py").verdict(), "AC");
    assert_eq!(verdict("crlf-lines", "crlf-tokens/crlf.py").verdict(), "AC");
    let run = verdict("crlf-exact", "crlf-tokens/crlf.py");
    assert_eq!(run.verdict(), "WA");
    let d = &run.report["cases"][0]["details"];
    assert!(d["diff"].as_str().unwrap().contains("«3␍»"), "{d}");
    assert!(d["hint"].as_str().unwrap().contains("whitespace"), "{d}");
}

/// 03 (DMOJ#439): glued tokens are WA, whatever the split.
#[test]
fn case03_glued_tokens() {
    for p in ["glued-tokens", "glued-resplit", "glued-exact"] {
        let run = verdict(p, "glued-tokens/glued.py");
        assert_eq!(run.verdict(), "WA", "{p}: {}", run.report);
        assert!(run.report["cases"][0]["details"].get("hint").is_none(), "no whitespace hint for a real difference");
    }
}

/// 05 (testlib#17): an error exactly at the tolerance, as written in decimal, passes.
#[test]
fn case05_float_tolerance_boundary() {
    assert_eq!(verdict("float-eps", "float-eps/plus_eps.py").verdict(), "AC");
    let run = verdict("float-eps-off", "float-eps/plus_eps.py");
    assert_eq!(run.verdict(), "WA");
    let msg = run.report["cases"][0]["message"].as_str().unwrap();
    assert!(msg.contains("absolute error") && msg.contains("relative error"), "{msg}");
}

/// 07 (problemtools#193): `inf` matches only `inf`; the sign bug is WA.
#[test]
fn case07_float_inf() {
    assert_eq!(verdict("float-inf", "float-inf/sign_bug.py").verdict(), "WA");
    assert_eq!(verdict("float-inf", "float-inf/correct.py").verdict(), "AC");
}

#[test]
fn unordered_lines_checker() {
    assert_eq!(verdict("unordered-lines", "unordered-lines/reversed.py").verdict(), "AC");
    let run = verdict("unordered-lines", "unordered-lines/duplicate.py");
    assert_eq!(run.verdict(), "WA");
}

/// A testlib-interface checker: 0 ok, 1 wa, 2 pe; its stderr is the message.
#[test]
fn testlib_checker_program() {
    assert_eq!(verdict("testlib-checker", "testlib-checker/sum.py").verdict(), "AC");
    let run = verdict("testlib-checker", "testlib-checker/off.py");
    assert_eq!(run.verdict(), "WA");
    assert!(run.report["cases"][0]["message"].as_str().unwrap().contains("expected 10, found 11"), "{}", run.report);
    let run = verdict("testlib-checker", "testlib-checker/words.py");
    assert_eq!(run.verdict(), "WA");
    assert!(run.report["cases"][0]["message"].as_str().unwrap().contains("presentation error"), "{}", run.report);
}

/// A checker that crashes is IE (exit code 3), never WA.
#[test]
fn a_crashing_checker_is_ie() {
    let run = verdict("broken-checker", "broken-checker/any.py");
    assert_eq!(run.verdict(), "IE", "{}", run.report);
    assert_eq!(run.code, 3);
}

#[test]
fn human_report_shows_the_text_diff() {
    let out = judge()
        .arg("run")
        .arg(solution("crlf-tokens/crlf.py"))
        .args(["-p", "crlf-exact", "--reveal", "--problems"])
        .arg(test_registry())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("diff (- expected, + actual") && text.contains("3␍"), "{text}");
    assert!(text.contains("hint:"), "{text}");
}

/// A Python checker that dies of an exception exits 1 — which testlib reads
/// as "wrong answer" — but it is the checker's failure: IE.
#[test]
fn a_python_testlib_checker_that_crashes_is_ie() {
    let run = verdict("testlib-crash-py", "misc/echo_one.py");
    assert_eq!(run.verdict(), "IE", "{}", run.report);
    assert_eq!(run.code, 3);
}

/// A checker that does not compile is the problem's configuration error (exit 2).
#[test]
fn a_checker_that_does_not_compile_is_a_configuration_error() {
    let out = judge()
        .arg("run")
        .arg(solution("misc/echo_one.py"))
        .args(["-p", "checker-syntax", "--problems"])
        .arg(test_registry())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("checker.cpp does not compile"), "{err}");
}

/// Reopening /dev/stdin and /dev/stdout works inside the sandbox.
#[test]
fn dev_stdin_and_dev_stdout() {
    for file in ["misc/dev_stdin.py", "misc/dev_stdin.cpp"] {
        let run = run_json(Reg::Tests, "idle-wall-timeout", &solution(file), &["--reveal"]);
        assert_eq!(run.verdict(), "AC", "{file}: {}", run.report);
    }
}

/// testlib exit 3 ("fail") is the checker's failure (IE); 7 ("points") is
/// partial credit, not AC (WA with the message).
#[test]
fn testlib_fail_and_points() {
    let run = verdict("testlib-fail-points", "testlib-fail-points/fail.py");
    assert_eq!(run.verdict(), "IE", "{}", run.report);
    let run = verdict("testlib-fail-points", "testlib-fail-points/points.py");
    assert_eq!(run.verdict(), "WA", "{}", run.report);
    assert!(run.report["cases"][0]["message"].as_str().unwrap().contains("partial points: 0.5 points"), "{}", run.report);
    assert_eq!(verdict("testlib-fail-points", "testlib-fail-points/fine.py").verdict(), "AC");
}

/// Issue 7: a failing sample whose output is 16 MiB of newlines (against a
/// one-line answer) gets WA and a bounded diff that says where the first
/// difference is. It used to keep the judge in a quadratic line diff for days,
/// so the judge is killed past a bound that is generous for a loaded machine
/// (not a speed assertion).
#[test]
fn a_flood_of_newlines_gets_a_bounded_diff() {
    let dir = tempfile::tempdir().unwrap();
    let report_path = dir.path().join("report.json");
    let mut child = judge()
        .arg("run")
        .arg(solution("newline-flood/newlines.py"))
        .args(["-p", "newline-flood", "--format", "json", "--problems"])
        .arg(test_registry())
        .stdout(std::fs::File::create(&report_path).unwrap())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    let bound = std::time::Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > bound {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the judge was still running after {bound:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&report_path).unwrap()).unwrap();
    assert_eq!(report["verdict"], "WA", "{report}");
    let case = &report["cases"][0];
    assert_eq!(case["id"], "sample/01-one-line", "{case}");
    let diff = case["details"]["diff"].as_str().unwrap_or_else(|| panic!("no diff: {case}"));
    assert!(diff.starts_with("… first difference at line 1, byte 0"), "{diff}");
    assert!(diff.lines().any(|l| l == "- «42»"), "{diff}");
    assert!(diff.contains("⟨the same line 1999 more times⟩"), "{diff}");
    assert!(diff.lines().count() <= 45, "{diff}");
}
