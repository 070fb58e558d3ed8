//! The cases from ../shared/cases (bug reports against other judges), copied
//! into `tests/fixtures` in our own registry format. Each test names its case.

use crate::support::{live_processes_with, run_json, solution, Reg};

fn case0(run: &crate::support::Run) -> &serde_json::Value {
    &run.report["cases"][0]
}

/// 09 (DOMjudge#521): a sleeping program is TLE by the wall limit, reported as
/// such with near-zero CPU; a program reading stdin to EOF is not (stdin is a
/// file, so EOF comes at once).
#[test]
fn case09_idle_wall_timeout() {
    let run = run_json(Reg::Tests, "idle-wall-timeout", &solution("idle-wall-timeout/sleeps.py"), &[]);
    assert_eq!(run.verdict(), "TLE");
    let c = case0(&run);
    assert_eq!(c["cause"]["kind"], "wall_limit", "{c}");
    assert!(c["message"].as_str().unwrap().contains("wall time limit"));
    assert!(c["cpu_ms"].as_u64().unwrap() < 1000, "CPU shown near 0: {c}");
    assert!(run.elapsed.as_secs() < 20, "the 30 s sleep was cut at the wall limit");
    let run = run_json(Reg::Tests, "idle-wall-timeout", &solution("idle-wall-timeout/reads_eof.py"), &[]);
    assert_eq!(run.verdict(), "AC", "{}", run.report);
}

/// 11 (isolate#123): MLE on every run, the first included, each in a fresh sandbox.
#[test]
fn case11_memory_limit_holds_on_the_first_run() {
    for _ in 0..2 {
        let run = run_json(Reg::Tests, "mle-first-run", &solution("mle-first-run/ten_million.py"), &[]);
        assert_eq!(run.verdict(), "MLE", "{}", run.report);
        assert_eq!(case0(&run)["cause"]["kind"], "memory_limit");
    }
    let run = run_json(Reg::Tests, "mle-first-run-256", &solution("mle-first-run/ten_million.py"), &[]);
    assert_eq!(run.verdict(), "AC", "{}", run.report);
}

/// 13 (go-judge#186): 800 MB under 256 MiB is MLE (never RE), with a peak
/// near the limit where a memory cgroup measures it.
#[test]
fn case13_mle_is_not_reported_as_a_crash() {
    for file in ["mle-reported-as-crash/static_array.cpp", "mle-reported-as-crash/heap.cpp"] {
        let run = run_json(Reg::Tests, "mle-reported-as-crash", &solution(file), &[]);
        let cgroup = run.report["sandbox"]["enforced"].as_array().unwrap().iter().any(|l| l == "cgroup-memory");
        if !cgroup && file.contains("static") {
            // Documented limit of the RLIMIT_AS fallback: an over-sized static
            // array fails at exec (SIGSEGV before main), which reads as RE.
            assert!(["MLE", "RE"].contains(&run.verdict()), "{file}: {}", run.report);
            continue;
        }
        assert_eq!(run.verdict(), "MLE", "{file}: {}", run.report);
        if cgroup {
            let peak = case0(&run)["memory_kib"].as_u64().unwrap();
            assert!(peak >= 200_000, "{file}: peak {peak} KiB should be near the 256 MiB limit");
        }
    }
}

/// 14 (judge0#242): an endless printer is OLE (not RE from SIGPIPE/SIGXFSZ,
/// not TLE) with a plain-text preview; a tiny output under a 1 KiB cap is AC.
#[test]
fn case14_output_limit_is_ole() {
    let run = run_json(Reg::Tests, "output-limit", &solution("output-limit/flood.cpp"), &["--reveal"]);
    assert_eq!(run.verdict(), "OLE", "{}", run.report);
    let c = case0(&run);
    assert!(c["details"]["stdout"].as_str().unwrap().starts_with("flood line 0123456789"), "{c}");
    assert!(c["wall_ms"].as_u64().unwrap() < 3000, "{c}");
    let run = run_json(Reg::Tests, "output-limit-tiny", &solution("output-limit/small.cpp"), &[]);
    assert_eq!(run.verdict(), "AC", "{}", run.report);
}

/// stderr is not part of the answer: 4 MB of debug text on stderr under a
/// 1 MiB output limit, with the right answer on stdout, is AC.
#[test]
fn stderr_over_the_output_limit_is_not_a_verdict() {
    let run = run_json(Reg::Tests, "output-limit", &solution("output-limit/debug_stderr.cpp"), &[]);
    assert_eq!(run.verdict(), "AC", "{}", run.report);
}

/// 15 (sinol-make#146): 1.3 MB on stdout, far past a pipe buffer: AC, no deadlock.
#[test]
fn case15_large_output_does_not_deadlock() {
    let run = run_json(Reg::Tests, "large-output-pipe", &solution("large-output-pipe/print_range.py"), &[]);
    assert_eq!(run.verdict(), "AC", "{}", run.report);
}

/// 17 (nextest#15): a grandchild holding stdout open neither delays the
/// verdict nor survives the run.
#[test]
fn case17_grandchild_holding_the_pipe() {
    let run = run_json(Reg::Tests, "grandchild-holds-pipe", &solution("grandchild-holds-pipe/leaves_helper.py"), &[]);
    assert_eq!(run.verdict(), "AC", "{}", run.report);
    assert!(run.elapsed.as_secs() < 30, "the judge waited for the grandchild ({:?})", run.elapsed);
    let left = live_processes_with("judge-leak-marker-17");
    assert!(left.is_empty(), "processes of the run survived it: {left:?}");
}

/// 21 (problemtools#260): a crash names its signal; a plain non-zero exit
/// says "exit code", not a crash.
#[test]
fn case21_signal_and_exit_code_are_named() {
    let run = run_json(Reg::Tests, "division-by-zero", &solution("division-by-zero/divide.cpp"), &[]);
    assert_eq!(run.verdict(), "RE");
    assert!(case0(&run)["message"].as_str().unwrap().contains("SIGFPE"), "{}", run.report);
    let run = run_json(Reg::Tests, "exit-code-ten", &solution("exit-code-ten/exits_ten.py"), &["--reveal"]);
    assert_eq!(run.verdict(), "RE");
    let msg = case0(&run)["message"].as_str().unwrap().to_string();
    assert!(msg.contains("exit code 10") && !msg.contains("signal"), "{msg}");
    // A hidden case's exit code is the solution's choice: not shown.
    let run = run_json(Reg::Tests, "exit-code-ten", &solution("exit-code-ten/exits_ten.py"), &[]);
    assert_eq!(run.verdict(), "RE");
    let msg = case0(&run)["message"].as_str().unwrap().to_string();
    assert!(msg.contains("non-zero exit") && !msg.contains("10") && !msg.contains("signal"), "{msg}");
    assert_eq!(case0(&run)["cause"]["code"], serde_json::Value::Null, "{}", run.report);
}

/// 22 (judge-server#5, cph#556): 160 KB of g++ errors: CE, first errors kept,
/// tail cut with a marker, no ANSI escapes, valid UTF-8.
#[test]
fn case22_huge_compile_error() {
    let run = run_json(Reg::Tests, "huge-compile-error", &solution("huge-compile-error/bad_streams.cpp"), &[]);
    assert_eq!(run.verdict(), "CE");
    assert_eq!(run.code, 1);
    let compile = &run.report["compile"];
    assert!(compile["first_error"].as_str().unwrap().contains("bad_streams.cpp:7"), "{compile}");
    let log = compile["log"].as_str().unwrap();
    assert!(log.contains("no match for"));
    assert!(log.contains("compiler output truncated"), "tail cut with a marker");
    assert!(log.len() <= 70 * 1024, "log kept to its cap: {}", log.len());
    assert!(!log.contains('\u{1b}'), "no ANSI escapes");
    assert!(!log.contains('\u{fffd}'), "cut on a UTF-8 boundary");
}

/// 24 (codewars-runner-cli#431): patching builtins/operator, forged result
/// lines, a swallowed stdout, an exit hook and a frame search for the
/// expected value: never AC (the expected value never enters the process).
#[test]
fn case24_harness_monkeypatch_is_never_ac() {
    let run = run_json(Reg::Tests, "harness-monkeypatch", &solution("harness-monkeypatch/attacks_harness.py"), &["--reveal"]);
    assert!(["WA", "RE"].contains(&run.verdict()), "{}", run.report);
    let run = run_json(Reg::Tests, "harness-monkeypatch", &solution("harness-monkeypatch/correct.py"), &[]);
    assert_eq!(run.verdict(), "AC");
}

/// 26 (LeetCode-Feedback#4459): values are compared by declared type: a str,
/// a `True` or a `4.0` in a `list[int]` is WA. A tuple of ints is accepted
/// (policy in docs/values.md).
#[test]
fn case26_return_type_strictness() {
    for (file, needle) in [
        ("return-type-strictness/returns_str.py", "expected list[int], got str"),
        ("return-type-strictness/bool_element.py", "at [0]: expected int, got bool true"),
        ("return-type-strictness/float_element.py", "at [3]: expected int, got float 4.0"),
    ] {
        let run = run_json(Reg::Tests, "return-type-strictness", &solution(file), &["--reveal"]);
        assert_eq!(run.verdict(), "WA", "{file}");
        assert!(case0(&run)["message"].as_str().unwrap().contains(needle), "{file}: {}", run.report);
    }
    // Without --reveal a hidden case names the types, not the value nor where.
    let run = run_json(Reg::Tests, "return-type-strictness", &solution("return-type-strictness/bool_element.py"), &[]);
    let msg = case0(&run)["message"].as_str().unwrap().to_string();
    assert!(msg.contains("expected int, got bool") && !msg.contains("true") && !msg.contains("[0]"), "{msg}");
    let run = run_json(Reg::Tests, "return-type-strictness", &solution("return-type-strictness/tuple_result.py"), &[]);
    assert_eq!(run.verdict(), "AC");
}
