//! Function problems judged by one process per group of cases (batch mode):
//! per-case attribution after a crash, a limit kill or a protocol violation
//! (the process is replaced, the next case is unaffected), per-case CPU
//! figures, `--jobs`, and the separation of shown and hidden cases.
//!
//! Fixture: `tests/fixtures/problems/batch-cases`, `work(n) -> n` with two
//! sample cases (n = 10, 20) and five hidden ones (n = 1..5); time 1 s,
//! memory 64 MiB, output 64 KiB. Its solutions misbehave on hidden case 2.

use crate::support::{run_json, solution, Reg, Run};
use serde_json::Value;

fn run(file: &str, extra: &[&str]) -> Run {
    run_json(Reg::Tests, "batch-cases", &solution(&format!("batch-cases/{file}")), extra)
}

fn cases(r: &Run) -> Vec<Value> {
    r.report["cases"].as_array().cloned().unwrap_or_default()
}

/// The verdicts of hidden cases 1..5, in order.
fn hidden_verdicts(r: &Run) -> Vec<String> {
    cases(r).iter().filter(|c| c["hidden"] == true).map(|c| c["verdict"].as_str().unwrap_or("?").to_string()).collect()
}

/// Hidden case 2 gets `verdict`; the samples and hidden cases 1, 3, 4, 5 are AC
/// with figures of their own (a CPU time far below the limit, a memory figure).
fn only_case_2(r: &Run, verdict: &str) {
    let v = hidden_verdicts(r);
    assert_eq!(v, ["AC", verdict, "AC", "AC", "AC"], "{:#}", r.report);
    for (i, c) in cases(r).into_iter().enumerate() {
        if i == 3 {
            continue; // hidden case 2 (after the two samples)
        }
        assert_eq!(c["verdict"], "AC", "{c:#}");
        assert!(c["cpu_ms"].as_u64().unwrap_or(u64::MAX) < 700, "{c:#}");
        assert!(c["memory_kib"].as_u64().unwrap_or(0) > 0, "{c:#}");
    }
}

#[test]
fn a_crash_is_the_crashing_cases_and_the_next_case_gets_a_fresh_process() {
    let r = run("crash.py", &[]);
    only_case_2(&r, "RE");
    let c2 = &cases(&r)[3];
    assert!(c2["message"].as_str().unwrap_or("").contains("SIGSEGV"), "{c2:#}");
}

#[test]
fn a_tle_is_the_slow_cases_only() {
    let r = run("tle.py", &[]);
    only_case_2(&r, "TLE");
    let c2 = &cases(&r)[3];
    // Killed by the judge at its own CPU limit (1 s), measured from outside.
    let cpu = c2["cpu_ms"].as_u64().unwrap_or(0);
    assert!(cpu >= 1000, "{c2:#}");
    assert!(c2["message"].as_str().unwrap_or("").contains("CPU time limit"), "{c2:#}");
}

#[test]
fn an_mle_is_the_allocating_cases_only() {
    let r = run("mle.py", &[]);
    only_case_2(&r, "MLE");
}

#[test]
fn an_ole_is_the_printing_cases_only_and_stdout_is_per_case() {
    let r = run("ole.py", &["--reveal"]);
    only_case_2(&r, "OLE");
    let c2 = &cases(&r)[3];
    assert!(c2["cause"]["bytes"].as_u64().unwrap_or(0) > 64 * 1024, "{c2:#}");
}

#[test]
fn a_forged_end_of_case_frame_is_a_protocol_violation_of_that_case() {
    // A well-formed forged frame: the real one follows it (data after the
    // case's result); a forged extra line: two results, as for a process per case.
    for (file, says) in [("forge_done.py", "protocol violation on the result channel: data after the case's result"), ("forge_line.py", "more than one result")] {
        for reveal in [true, false] {
            let r = run(file, if reveal { &["--reveal"] } else { &[] });
            only_case_2(&r, "RE");
            let c2 = &cases(&r)[3];
            if reveal {
                let msg = c2["message"].as_str().unwrap_or("");
                assert!(msg.contains(says), "{file}: {c2:#}");
            }
        }
    }
}

#[test]
fn a_frame_forged_before_any_result_is_a_protocol_violation_not_a_missing_result() {
    let r = run("forge_early_done.py", &["--reveal"]);
    only_case_2(&r, "RE");
    let msg = cases(&r)[3]["message"].as_str().unwrap_or("").to_string();
    assert!(msg.contains("protocol violation on the result channel: a forged or malformed end-of-case frame"), "{msg}");
    assert!(!msg.contains("no result was reported"), "{msg}");
}

#[test]
fn cpu_time_is_measured_per_case_from_outside() {
    let r = run("burn.py", &[]);
    assert_eq!(r.verdict(), "AC", "{:#}", r.report);
    for c in cases(&r) {
        let cpu = c["cpu_ms"].as_u64().unwrap_or(0);
        if c["id"] == "hidden/3" {
            assert!(cpu >= 200, "the burning case shows its CPU: {c:#}");
        } else {
            assert!(cpu < 200, "a neighbour of the burning case is not charged for it: {c:#}");
        }
    }
}

#[test]
fn cpu_used_before_answering_sync_is_charged_to_the_next_case() {
    let r = run("gap_burn.py", &[]);
    assert_eq!(r.verdict(), "AC", "{:#}", r.report);
    // About 400 ms burned after each case's result, before its `sync` answer:
    // every case after the first carries its predecessor's.
    for c in cases(&r).iter().skip(1) {
        let cpu = c["cpu_ms"].as_u64().unwrap_or(0);
        assert!(cpu >= 300, "the CPU of the gap before this case is charged to it: {c:#}");
    }
}

#[test]
fn cpp_cases_run_in_one_process_with_per_case_attribution() {
    let r = run("crash.cpp", &[]);
    let v = hidden_verdicts(&r);
    assert_eq!(v, ["AC", "RE", "AC", "AC", "AC"], "{:#}", r.report);
    for c in cases(&r) {
        let cpu = c["cpu_ms"].as_u64().unwrap_or(0);
        match c["id"].as_str() {
            Some("hidden/4") => assert!(cpu >= 200, "{c:#}"),
            Some("hidden/2") => {}
            _ => assert!(cpu < 200, "{c:#}"),
        }
    }
}

#[test]
fn a_cpp_case_that_closes_the_result_channel_is_re_at_once() {
    let r = run("close_channel.cpp", &[]);
    only_case_2(&r, "RE");
    // Ended by the driver, not killed at the wall limit (4 s) while the judge waited.
    let c2 = &cases(&r)[3];
    assert!(c2["wall_ms"].as_u64().unwrap_or(u64::MAX) < 3000, "{c2:#}");
}

#[test]
fn a_case_that_replaces_the_result_channel_is_re_at_once() {
    for file in ["replace_channel.py", "replace_channel.cpp"] {
        let r = run(file, &[]);
        only_case_2(&r, "RE");
        // Ended by the driver, not killed at the wall limit (4 s) while the judge waited.
        let c2 = &cases(&r)[3];
        assert!(c2["wall_ms"].as_u64().unwrap_or(u64::MAX) < 3000, "{file}: {c2:#}");
    }
}

#[test]
fn jobs_give_the_same_verdicts_in_case_order() {
    for file in ["crash.py", "tle.py"] {
        let one = run(file, &[]);
        let three = run(file, &["--jobs", "3"]);
        let ids = |r: &Run| cases(r).iter().map(|c| c["id"].as_str().unwrap_or("?").to_string()).collect::<Vec<_>>();
        let verdicts = |r: &Run| cases(r).iter().map(|c| c["verdict"].as_str().unwrap_or("?").to_string()).collect::<Vec<_>>();
        assert_eq!(ids(&one), ids(&three), "{file}");
        assert_eq!(verdicts(&one), verdicts(&three), "{file}: {:#}", three.report);
    }
}

#[test]
fn jobs_say_in_the_human_summary_that_wall_times_are_not_comparable() {
    let out = crate::support::judge()
        .arg("run")
        .arg(solution("batch-cases/burn.py"))
        .args(["-p", "batch-cases", "--jobs", "2", "--problems"])
        .arg(crate::support::test_registry())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("wall times are not comparable"), "{text}");
}

/// Sample cases run in one process, hidden cases in another, started after:
/// no sample case ever runs in a process that has seen a hidden input. Hidden
/// cases do share one process (state persists between them, as on LeetCode:
/// the documented residual); `--isolate` gives every case a fresh process.
#[test]
fn samples_and_hidden_cases_never_share_a_process() {
    let r = run("seen.py", &[]);
    assert_eq!(r.verdict(), "AC", "{:#}", r.report);
    // Also when a hidden case runs before the samples (`Selection::first`,
    // as watch puts the case that failed last time first).
    let tmp = tempfile::tempdir().unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let languages = judge_lang::LanguageTable::load(None).expect("the embedded language table");
    let engine = judge_engine::Engine::new(env!("CARGO_BIN_EXE_judge").into(), languages)
        .with_sandbox_uid(crate::support::uid_for("batch-hidden-first"))
        .with_temp_dir(tmp.path().to_path_buf());
    let registry = judge_registry::Registry::open(&crate::support::test_registry()).unwrap();
    let problem = std::sync::Arc::new(registry.problem("batch-cases").unwrap());
    let prep = engine.prepare(problem, &judge_engine::Options::default()).unwrap();
    let file = solution("batch-cases/seen.py");
    let sub = judge_engine::Submission { path: file.clone(), source: std::fs::read(&file).unwrap(), language: "python".into() };
    let sel = judge_engine::Selection { first: vec!["hidden/2".into(), "hidden/1".into()], ..Default::default() };
    let report = engine
        .judge_with(&prep, &sub, &sel, &judge_engine::CancelToken::new(), &mut |_: &judge_engine::Event| {})
        .unwrap();
    let samples: Vec<_> = report.cases.iter().filter(|c| !c.hidden).collect();
    assert_eq!(samples.len(), 2);
    for c in samples {
        assert_eq!(c.verdict, judge_core::Verdict::AC, "a sample case ran after a hidden input in its process: {c:?}");
    }
    let isolated = run("seen.py", &["--isolate"]);
    assert_eq!(hidden_verdicts(&isolated), ["AC", "WA", "WA", "WA", "WA"], "{:#}", isolated.report);
}

#[test]
fn isolate_gives_the_same_attribution() {
    let r = run("crash.py", &["--isolate"]);
    only_case_2(&r, "RE");
}
