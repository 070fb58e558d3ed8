//! Issue 9: the engine used directly, as `judge watch` and `judge grade` use
//! it — stages, events, selection and cancellation — and the `judge run`
//! conveniences built on it (`--samples`, `--case`, `--input`, JSON Lines,
//! files named after the function).

use crate::support::{judge, processes_of_uid, repo, uid_for};
use judge_engine::{CancelToken, Engine, EngineError, Event, EventKind, Options, Selection, Submission};
use judge_lang::LanguageTable;
use judge_registry::Registry;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn engine(test: &str, tmp: &std::path::Path) -> Engine {
    let languages = LanguageTable::load(None).expect("the embedded language table");
    Engine::new(env!("CARGO_BIN_EXE_judge").into(), languages).with_sandbox_uid(uid_for(test)).with_temp_dir(tmp.to_path_buf())
}

/// A temp dir the sandbox uid can traverse (run directories go inside).
fn open_tempdir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    tmp
}

/// Cancelling stops the case in progress at once (its whole process tree),
/// skips the rest of the judging, emits `run_cancelled`, and leaves no
/// process and no directory behind.
#[test]
fn cancellation_stops_the_run_and_leaves_nothing() {
    let tmp = open_tempdir();
    let uid = uid_for("engine-cancel");
    let engine = engine("engine-cancel", tmp.path());
    let registry = Registry::open(&repo().join("tests/hostile/problems")).unwrap();
    let problem = registry.problem("hostile-state").unwrap();
    let prep = engine.prepare(Arc::new(problem), &Options::default()).unwrap();
    let src = tmp.path().join("sleepy.py");
    std::fs::write(&src, "import os, time\n\ndef state():\n    if os.fork() == 0:\n        time.sleep(3600)\n    time.sleep(3600)\n").unwrap();
    let sub = Submission { path: src.clone(), source: std::fs::read(&src).unwrap(), language: "python".into() };
    let cancel = CancelToken::new();
    let cancelled_at = Arc::new(Mutex::new(None));
    let watcher = {
        let (cancel, at) = (cancel.clone(), cancelled_at.clone());
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            while processes_of_uid(uid).len() < 2 && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            std::thread::sleep(Duration::from_millis(300));
            *at.lock().unwrap() = Some(Instant::now());
            cancel.cancel();
        })
    };
    let mut events = Vec::new();
    let result = engine.judge_with(&prep, &sub, &Selection::default(), &cancel, &mut |e: &Event| events.push(e.kind.clone()));
    let returned = Instant::now();
    watcher.join().unwrap();
    assert!(matches!(result, Err(EngineError::Cancelled)), "{result:?}");
    let at = cancelled_at.lock().unwrap().expect("the program started");
    // The case's wall limit is 5 s: returning well before shows the run was cut.
    assert!(returned.duration_since(at) < Duration::from_secs(3), "took {:?} after the cancel", returned.duration_since(at));
    assert!(matches!(events.last(), Some(EventKind::RunCancelled)), "{events:?}");
    assert!(!events.iter().any(|e| matches!(e, EventKind::CaseFinished { .. } | EventKind::RunFinished { .. })), "{events:?}");
    let deadline = Instant::now() + Duration::from_secs(5);
    while !processes_of_uid(uid).is_empty() {
        assert!(Instant::now() < deadline, "processes of the run survived: {:?}", processes_of_uid(uid));
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(prep);
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().map(|e| e.file_name()).filter(|n| n != "sleepy.py").collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// The stages on their own: one `Prepared` and one `Build` serve several
/// selections (samples only, one case, a given order), and the events come
/// in order with their timestamps.
#[test]
fn stages_are_reusable_and_events_are_ordered() {
    let tmp = open_tempdir();
    let engine = engine("engine-stages", tmp.path());
    let problem = Registry::embedded().problem("longest-clean-span").unwrap();
    let prep = engine.prepare(Arc::new(problem), &Options::default()).unwrap();
    let path = repo().join("examples/longest_clean_span.py");
    let sub = Submission { source: std::fs::read(&path).unwrap(), path, language: "python".into() };
    let cancel = CancelToken::new();
    let mut build_events = Vec::new();
    let build = engine.build(&prep, &sub, &cancel, &mut |e: &Event| build_events.push(e.kind.clone())).unwrap();
    assert!(build.failure().is_none());
    assert!(matches!(build_events.as_slice(), [EventKind::BuildStarted { .. }, EventKind::BuildFinished { ok: true, .. }]), "{build_events:?}");
    let samples = Selection { samples_only: true, ..Default::default() };
    let r = engine.run_cases(&prep, &build, &samples, &cancel, &mut |_: &Event| {}).unwrap();
    assert_eq!((r.verdict, r.total, r.cases.iter().all(|c| !c.hidden)), (judge_core::Verdict::AC, 3, true));
    let order = Selection { first: vec!["hidden/2".into()], ids: vec!["sample/02-repeats".into(), "hidden/2".into()], ..Default::default() };
    let mut started = Vec::new();
    let mut stamps = Vec::new();
    let r = engine
        .run_cases(&prep, &build, &order, &cancel, &mut |e: &Event| {
            stamps.push(e.elapsed_ms);
            if let EventKind::CaseStarted { id, .. } = &e.kind {
                started.push(id.clone());
            }
        })
        .unwrap();
    assert_eq!(started, ["hidden/2", "sample/02-repeats"], "run order: the given case first");
    assert_eq!(r.cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["sample/02-repeats", "hidden/2"], "report order: case order");
    assert!(stamps.windows(2).all(|w| w[0] <= w[1]));
    let bad = Selection { ids: vec!["hidden/99".into()], ..Default::default() };
    assert!(matches!(engine.run_cases(&prep, &build, &bad, &cancel, &mut |_: &Event| {}), Err(EngineError::Config(_))));
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = judge().args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn run_selects_samples_or_cases() {
    let file = repo().join("examples/longest_clean_span.py");
    let f = file.to_str().unwrap();
    let (code, out, _) = run(&["run", f, "--samples", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((code, r["total"].as_u64(), r["cases"].as_array().unwrap().iter().all(|c| c["hidden"] == false)), (0, Some(3), true), "{r:#}");
    let (code, out, _) = run(&["run", f, "--case", "hidden/3", "--case", "sample/01-example", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = r["cases"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!((code, ids), (0, vec!["sample/01-example", "hidden/3"]));
    assert!(r["compile_ms"].is_u64() && r["duration_ms"].is_u64() && r["file"].as_str() == Some(f), "{r:#}");
    let (code, _, err) = run(&["run", f, "--case", "hidden/99"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no case `hidden/99`"), "{err}");
}

#[test]
fn json_lines_stream_one_event_per_line() {
    let file = repo().join("examples/longest_clean_span.py");
    let (code, out, _) = run(&["run", file.to_str().unwrap(), "--samples", "--format", "jsonl"]);
    assert_eq!(code, 0);
    let events: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).expect("one JSON event per line")).collect();
    let kinds: Vec<&str> = events.iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(kinds.first(), Some(&"run_started"));
    assert_eq!(kinds.last(), Some(&"run_finished"));
    assert_eq!(kinds.iter().filter(|k| **k == "case_finished").count(), 3, "{kinds:?}");
    assert!(kinds.contains(&"build_finished"));
    assert!(events.iter().all(|e| e["at_unix_ms"].is_u64() && e["elapsed_ms"].is_u64()));
}

#[test]
fn custom_input_is_compared_with_the_reference() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.json");
    std::fs::write(&input, "[[1, 1, 2, 3, 1, 1, 1], [2]]").unwrap();
    // The buggy example under-counts: it disagrees with the reference.
    let buggy = repo().join("examples/buggy_longest_clean_span.py");
    let (code, out, err) = run(&["run", buggy.to_str().unwrap(), "--input", input.to_str().unwrap(), "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    assert_eq!(doc["agree"], false, "{doc:#}");
    assert_eq!(code, 1);
    let good = repo().join("examples/longest_clean_span.py");
    let (code, out, _) = run(&["run", good.to_str().unwrap(), "--input", input.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("returned:  4") && out.contains("reference: 4") && out.contains("agree: yes"), "{out}");
    // A malformed input is a usage error naming what was expected.
    std::fs::write(&input, "[1]").unwrap();
    let (code, _, err) = run(&["run", good.to_str().unwrap(), "--input", input.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("expected 2 arguments"), "{err}");
}

#[test]
fn a_file_named_after_the_function_finds_its_problem() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("longest_clean_span_is_not_it.py");
    std::fs::write(&file, "def f(): pass\n").unwrap();
    let (code, _, err) = run(&["run", file.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    // Named after top-k-sampling's function, as `judge new` writes it: no marker needed.
    let named = dir.path().join("sample_top_k.py");
    std::fs::write(&named, "def sample_top_k(logits, k, temperature, u):\n    return 0\n").unwrap();
    let (_, out, err) = run(&["run", named.to_str().unwrap(), "--samples", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    assert_eq!(r["problem"], "top-k-sampling", "{r:#}");
}

/// A traceback names the user's file and its lines, not the judge's copy.
#[test]
fn tracebacks_name_the_users_file() {
    let file = repo().join("tests/hostile/solutions/leak_exception_type.py");
    let reg = repo().join("tests/hostile/problems");
    let (_, out, _) = run(&["run", file.to_str().unwrap(), "-p", "hostile-secrets", "--samples", "--format", "json", "--problems", reg.to_str().unwrap()]);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    let tb = r["cases"][0]["details"]["traceback"].as_str().unwrap_or_default();
    assert!(tb.contains(&format!("File \"{}\", line 4", file.display())), "{tb}");
    assert!(!tb.contains("/driver/"), "{tb}");
}

/// The Python driver's fast path (plain results through the C JSON encoder)
/// writes exactly the bytes of the general path (`_encode` + `_serialize`),
/// and declines everything the general path treats specially (non-finite
/// floats, dicts, subclasses, foreign objects, numpy values), so that the
/// general path handles them as before.
#[test]
fn python_driver_fast_result_path_matches_the_general_path() {
    let driver = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../runners/python/driver.py");
    let script = r#"
import sys
ns = {"__name__": "driver_under_test"}
exec(compile(open(sys.argv[1]).read(), "driver.py", "exec"), ns)
fast, general = ns["_fast_ok_line"], lambda v: ns["_encode_line"]({"status": "ok", "value": ns["_encode"](v)})
class L(list): pass
class F(float): pass
same = [1, -0.0, 1e308, 5e-324, 10**40, True, None, "a\u00e9\ud800\x1e\n\"", [], [[[]]], (1, 2.5), [[1.0, 2], (3, "x")],
        [True, False, 0, 1], [[1], [True]], [1, [2.0, "x"]], list(range(1000))]
declined = [float("nan"), [1.0, float("inf")], {"a": 1}, [{"a": 1}], L([1]), [F(1.5)], {1, 2}, [object()], b"x"]
for v in same:
    line = fast(v)
    assert line is not None and line == general(v), (v, line, general(v))
for v in declined:
    assert fast(v) is None, v
deep = []
for _ in range(100000):
    deep = [deep]
assert fast(deep) is None
print("ok", len(same), len(declined))
"#;
    let out = std::process::Command::new("python3").arg("-c").arg(script).arg(&driver).output().expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.starts_with("ok"), "stdout: {stdout}\nstderr: {}", String::from_utf8_lossy(&out.stderr));
}
