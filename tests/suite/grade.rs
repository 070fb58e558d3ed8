//! `judge grade` on the example practice repository `tests/fixtures/grade-repo`
//! (embedded longest-clean-span, the repository's own sum-pair with hidden
//! cases; Python and C++; AC, WA on a sample, WA on a hidden case, CE, and
//! two files matching no problem; a judge.toml with points).
//!
//! Golden files in `tests/fixtures/grade-golden/` (times, toolchains and the
//! compiler's text normalised); `JUDGE_BLESS=1` rewrites them.

use crate::support::{judge, processes_of_uid, repo, uid_for};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

fn grade_repo() -> PathBuf {
    repo().join("tests/fixtures/grade-repo")
}

fn golden(name: &str) -> PathBuf {
    repo().join("tests/fixtures/grade-golden").join(name)
}

/// `judge grade` with CI set (no progress bar) and `GITHUB_ACTIONS` unset.
fn grade_cmd() -> std::process::Command {
    let mut c = judge();
    c.env("CI", "1").env_remove("GITHUB_ACTIONS").env_remove("GITHUB_STEP_SUMMARY").arg("grade");
    c
}

fn run(mut c: std::process::Command) -> Output {
    c.output().expect("run judge grade")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Compare with a golden file (or rewrite it with `JUDGE_BLESS=1`).
fn check_golden(name: &str, actual: &str) {
    let path = golden(name);
    if std::env::var_os("JUDGE_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (JUDGE_BLESS=1 writes it)", path.display()));
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(10)
            .map(|(i, (a, b))| format!("line {}:\n  golden: {a}\n  actual: {b}", i + 1))
            .collect();
        panic!("{name} differs from its golden file (JUDGE_BLESS=1 rewrites it):\n{}", diff.join("\n"));
    }
}

fn zero(v: &mut Value, keys: &[&str]) {
    if let Some(o) = v.as_object_mut() {
        for k in keys {
            if o.contains_key(*k) {
                o.insert((*k).to_string(), Value::from(0));
            }
        }
    }
}

/// The grade report without what varies between runs and machines: times,
/// memory, waits, jobs, toolchains, sandbox layers, the compiler's text.
fn normalise(mut r: Value) -> Value {
    zero(&mut r, &["started_unix_ms", "duration_ms", "jobs", "wait_ms"]);
    r["contended"] = Value::Bool(false);
    for s in r["solutions"].as_array_mut().unwrap() {
        zero(s, &["cpu_ms", "wait_ms"]);
        s["contended"] = Value::Bool(false);
        let Some(rep) = s.get_mut("report").filter(|r| r.is_object()) else { continue };
        zero(rep, &["compile_ms", "started_unix_ms", "duration_ms"]);
        // Whether a compiled program came from the compile cache depends on
        // what ran before (other tests, earlier runs).
        if let Some(o) = rep.as_object_mut() {
            o.remove("compile_cached");
        }
        rep["toolchain"] = Value::Null;
        rep["sandbox"] = serde_json::json!({"enforced": [], "missing": []});
        if let Some(c) = rep.get_mut("compile").and_then(|c| c.as_object_mut()) {
            let first = c.get("first_error").and_then(|f| f.as_str()).unwrap_or("");
            assert!(first.contains("broken.cpp:6"), "the first compile error names the file and line: {first}");
            c.insert("first_error".into(), Value::from("<first error>"));
            c.insert("log".into(), Value::from("<compiler output>"));
        }
        for c in rep["cases"].as_array_mut().unwrap() {
            zero(c, &["cpu_ms", "wall_ms", "wait_ms", "memory_kib"]);
        }
    }
    r
}

fn assert_hidden_by_number(what: &str, s: &str) {
    for name in ["01-small", "02-negative", "03-large", "01-empty-tokens", "13-large-distinct", "1000000000000"] {
        assert!(!s.contains(name), "{what} names or shows a hidden case ({name})");
    }
}

/// The whole repository: scoreboard, exit code, and the JSON, JUnit and
/// Gradescope outputs against their golden files; the JUnit and Gradescope
/// files re-emitted by `judge grade merge` from the JSON are the same bytes.
#[test]
fn grade_fixture_repo_matches_golden_outputs() {
    let out_dir = tempfile::tempdir().unwrap();
    let (json, junit, gs) = (out_dir.path().join("grade.json"), out_dir.path().join("junit.xml"), out_dir.path().join("results.json"));
    let start = Instant::now();
    let mut c = grade_cmd();
    c.arg(grade_repo()).args(["-j", "2", "--json"]).arg(&json).arg("--junit").arg(&junit).arg("--gradescope").arg(&gs);
    let out = run(c);
    let stdout = text(&out.stdout);
    eprintln!("graded the fixture repo in {:?}\n{stdout}", start.elapsed());
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{}", text(&out.stderr));
    for needle in ["problem", "passed", "points", "CPU time", "week2/broken.cpp", "CE", "ignored: notes/scratch.py", "total: 22.87/35 points", "First failing case: sample/01-example (WA)"] {
        assert!(stdout.contains(needle), "scoreboard lacks {needle:?}:\n{stdout}");
    }
    assert!(!stdout.contains('\u{1b}'), "no escape sequences when piped");
    let raw = std::fs::read_to_string(&json).unwrap();
    let report: Value = serde_json::from_str(&raw).unwrap();
    // Each solution's run report is a `judge run` report with its file, start and duration.
    for s in report["solutions"].as_array().unwrap() {
        let r = &s["report"];
        assert_eq!(r["file"], s["file"]);
        assert!(r["started_unix_ms"].as_u64().unwrap() > 0 && r["duration_ms"].is_u64(), "{r}");
        assert_eq!(r["schema_version"], 2);
        for c in r["cases"].as_array().unwrap() {
            assert!(c["wait_ms"].is_u64());
        }
    }
    let junit_text = std::fs::read_to_string(&junit).unwrap();
    let gs_text = std::fs::read_to_string(&gs).unwrap();
    for (what, s) in [("json", &raw), ("junit", &junit_text), ("gradescope", &gs_text), ("stdout", &stdout)] {
        assert_hidden_by_number(what, s);
    }
    let gsv: Value = serde_json::from_str(&gs_text).unwrap();
    let hidden_tests = gsv["tests"].as_array().unwrap().iter().filter(|t| t["name"].as_str().unwrap().contains("hidden/")).count();
    assert!(hidden_tests > 0);
    for t in gsv["tests"].as_array().unwrap() {
        let hidden = t["name"].as_str().unwrap().contains("· hidden/");
        assert_eq!(t["visibility"], if hidden { "hidden" } else { "visible" }, "{t}");
    }
    // merge of the one report re-emits the same JUnit and Gradescope files.
    let (junit2, gs2) = (out_dir.path().join("junit2.xml"), out_dir.path().join("results2.json"));
    let mut c = grade_cmd();
    c.arg("merge").arg(&json).arg("--junit").arg(&junit2).arg("--gradescope").arg(&gs2);
    let m = run(c);
    assert_eq!(m.status.code(), Some(1), "{}", text(&m.stderr));
    assert_eq!(std::fs::read_to_string(&junit2).unwrap(), junit_text);
    assert_eq!(std::fs::read_to_string(&gs2).unwrap(), gs_text);

    // Goldens: the normalised report, and the formats made from it.
    let norm = normalise(report);
    let norm_text = serde_json::to_string_pretty(&norm).unwrap() + "\n";
    check_golden("grade.json", &norm_text);
    let norm_path = out_dir.path().join("normalised.json");
    std::fs::write(&norm_path, &norm_text).unwrap();
    let (junit3, gs3) = (out_dir.path().join("junit3.xml"), out_dir.path().join("results3.json"));
    let mut c = grade_cmd();
    c.arg("merge").arg(&norm_path).arg("--junit").arg(&junit3).arg("--gradescope").arg(&gs3).args(["--after-due-date", "--min-score", "60%"]);
    let m = run(c);
    assert_eq!(m.status.code(), Some(0), "22.87 of 35 points reaches 60%: {}", text(&m.stderr));
    let junit3 = std::fs::read_to_string(&junit3).unwrap();
    assert!(junit3.contains("<failure message=\"expected 3, got 2\" type=\"WA\">"), "{junit3}");
    check_golden("junit.xml", &junit3);
    let gs3 = std::fs::read_to_string(&gs3).unwrap();
    assert!(gs3.contains("\"after_due_date\""));
    check_golden("gradescope.json", &gs3);
}

/// `--partition hash:K/N` and `slice:K/N` judge every solution exactly once,
/// and merging the partial reports gives the unpartitioned report.
#[test]
fn grade_partitions_cover_once_and_merge_reproduces_the_report() {
    let out_dir = tempfile::tempdir().unwrap();
    let mut parts = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for p in ["hash:1/2", "hash:2/2"] {
        let path = out_dir.path().join(format!("{}.json", p.replace([':', '/'], "-")));
        let mut c = grade_cmd();
        c.arg(grade_repo()).args(["-j", "2", "--partition", p, "--format", "json", "--json"]).arg(&path);
        let out = run(c);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{p}: {}", text(&out.stderr));
        // --format json prints the same report on stdout.
        let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
        let written: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(printed, written);
        assert_eq!(written["partition"], p);
        seen.extend(written["solutions"].as_array().unwrap().iter().map(|s| s["file"].as_str().unwrap().to_string()));
        parts.push(path);
    }
    seen.sort();
    let all = ["longest_clean_span.py", "week1/span.cpp", "week2/broken.cpp", "week2/sum_pair.cpp", "week2/sum_pair.py"];
    assert_eq!(seen, all, "every solution exactly once");
    let merged_path = out_dir.path().join("merged.json");
    let mut c = grade_cmd();
    c.arg("merge").args(&parts).arg("--json").arg(&merged_path);
    let m = run(c);
    assert_eq!(m.status.code(), Some(1), "{}", text(&m.stderr));
    assert!(text(&m.stdout).contains("total: 22.87/35 points"), "{}", text(&m.stdout));
    let mut merged = normalise(serde_json::from_str(&std::fs::read_to_string(&merged_path).unwrap()).unwrap());
    assert_eq!(merged["merged"], serde_json::json!(["hash:1/2", "hash:2/2"]));
    merged.as_object_mut().unwrap().remove("merged");
    let whole: Value = serde_json::from_str(&std::fs::read_to_string(golden("grade.json")).unwrap()).unwrap();
    assert_eq!(merged, whole, "merge reproduces the unpartitioned report");
    // Overlapping partitions are refused.
    let mut c = grade_cmd();
    c.arg("merge").arg(&parts[0]).arg(&parts[0]);
    let m = run(c);
    assert_eq!(m.status.code(), Some(2));
    assert!(text(&m.stderr).contains("two partitions"), "{}", text(&m.stderr));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), &t).unwrap();
        }
    }
}

/// Configuration errors: exit 2, the file and field named; under `--format
/// json` a JSON document with the error on stdout.
#[test]
fn grade_configuration_errors_name_the_file_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str], &str); 5] = [
        ("[problem.longest-clean-span]\npoint = 3\n", &[], "point"),
        ("[problem.no-such]\npoints = 3\n", &[], "problem.no-such"),
        ("[[solution]]\nfile = \"missing.py\"\nproblem = \"longest-clean-span\"\n", &[], "solution[0].file"),
        ("[problem.longest-clean-span.limits]\ntime_ms = 9000\n", &[], "--allow-limit-overrides"),
        ("", &["--partition", "hash:3/2"], "--partition"),
    ];
    for (manifest, extra, needle) in cases {
        std::fs::write(dir.path().join("judge.toml"), manifest).unwrap();
        let mut c = grade_cmd();
        c.arg(dir.path()).args(["--format", "json"]).args(extra);
        let out = run(c);
        assert_eq!(out.status.code(), Some(2), "{manifest}: {}", text(&out.stderr));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{manifest}: stdout is not JSON ({e}): {}", text(&out.stdout)));
        assert_eq!(doc["kind"], "grade");
        let err = doc["error"].as_str().unwrap();
        assert!(err.contains(needle), "{manifest}: {err}");
        if !extra.is_empty() {
            continue;
        }
        assert!(err.contains("judge.toml"), "{manifest}: {err}");
    }
    // [[solution]] lists the files; the others are ignored with the reason; limit overrides when allowed.
    std::fs::write(
        dir.path().join("judge.toml"),
        "[[solution]]\nfile = \"a.py\"\nproblem = \"longest-clean-span\"\n[problem.longest-clean-span.limits]\ntime_ms = 3000\n",
    )
    .unwrap();
    std::fs::copy(repo().join("problems/longest-clean-span/reference/solution.py"), dir.path().join("a.py")).unwrap();
    std::fs::write(dir.path().join("b.py"), "print(1)\n").unwrap();
    let mut c = grade_cmd();
    c.arg(dir.path()).args(["--format", "json", "--allow-limit-overrides"]);
    let out = run(c);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["solutions"].as_array().unwrap().len(), 1);
    assert_eq!(doc["solutions"][0]["verdict"], "AC");
    assert_eq!(doc["ignored"][0]["file"], "b.py");
    assert!(doc["ignored"][0]["reason"].as_str().unwrap().contains("not listed"));
}

/// SIGINT while solutions run: exit 130, no process of any worker's uid
/// left, no run directory, and no report (complete or partial) written.
#[test]
fn grade_interrupted_leaves_no_process_and_no_report() {
    use std::os::unix::fs::PermissionsExt;
    let base = uid_for("grade-interrupted");
    let work = tempfile::tempdir().unwrap();
    let repo_copy = work.path().join("repo");
    copy_dir(&grade_repo(), &repo_copy);
    // Two solutions that sleep far longer than the test waits.
    for name in ["slow_a.py", "slow_b.py"] {
        std::fs::write(repo_copy.join(name), "# judge: sum-pair\nimport time\ntime.sleep(3600)\n").unwrap();
    }
    let tmp = work.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out_dir = work.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let report = out_dir.join("grade.json");
    let mut c = grade_cmd();
    c.env("JUDGE_SANDBOX_UID", base.to_string())
        .env("TMPDIR", &tmp)
        .arg(&repo_copy)
        .args(["-j", "2", "--json"])
        .arg(&report)
        .arg("--junit")
        .arg(out_dir.join("junit.xml"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = c.spawn().unwrap();
    let uids = [base, base + 1];
    let running = || uids.iter().flat_map(|u| processes_of_uid(*u)).collect::<Vec<_>>();
    let deadline = Instant::now() + Duration::from_secs(120);
    while running().is_empty() {
        assert!(Instant::now() < deadline, "no solution ever started");
        assert!(child.try_wait().unwrap().is_none(), "the grade ended before any solution ran");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "the judge did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130), "{status:?}");
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let left = running();
        if left.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "processes survived the grade: {left:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
    let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().flatten().map(|e| e.file_name()).collect();
    assert!(left.is_empty(), "left in TMPDIR: {left:?}");
    let left: Vec<_> = std::fs::read_dir(&out_dir).unwrap().flatten().map(|e| e.file_name()).collect();
    assert!(left.is_empty(), "an interrupted grade wrote {left:?}");
}

/// On GitHub Actions: `::error` annotations (a compile error at its line,
/// each failing solution) and the markdown summary appended to
/// `$GITHUB_STEP_SUMMARY`; re-emitted by `merge` from a report (no judging).
#[test]
fn grade_on_github_actions_annotates_and_writes_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let mut c = grade_cmd();
    c.env("GITHUB_ACTIONS", "true").env("GITHUB_STEP_SUMMARY", &summary).arg("merge").arg(golden("grade.json"));
    let out = run(c);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let errors: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(errors.len(), 3, "{stdout}");
    assert!(errors.iter().any(|l| l.starts_with("::error file=week2/broken.cpp,line=1,title=sum-pair%3A compilation error::")), "{stdout}");
    assert!(errors.iter().any(|l| l.starts_with("::error file=week1/span.cpp,line=1,title=longest-clean-span%3A WA (7/17 cases)::sample/01-example: expected 3, got 2")), "{stdout}");
    assert!(errors.iter().all(|l| !l.contains("02-negative")));
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("earlier step\n## judge grade\n"), "appended: {md}");
    assert!(md.contains("| sum-pair | week2/sum\\_pair.py | python | WA | 3/4 | 3.75/5 |"), "{md}");
    assert!(md.contains("**Total: 22.87/35 points**"), "{md}");
}

/// The CPUs a process may run on (`Cpus_allowed_list` of /proc/PID/status).
fn allowed_cpus(pid: u32) -> Option<String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("Cpus_allowed_list:")).map(|s| s.trim().to_string())
}

/// More jobs than cores: the cases of a solution run pinned to one CPU, and
/// no two solutions' cases run on the same CPU at the same time (their
/// builds may overlap).
#[test]
fn grade_runs_cases_one_solution_per_cpu() {
    let base = uid_for("grade-one-per-cpu");
    let dir = tempfile::tempdir().unwrap();
    for n in ["a", "b", "c", "d"] {
        std::fs::write(
            dir.path().join(format!("slow_{n}.py")),
            "# judge: longest-clean-span\nimport time\ndef longest_clean_span(tokens, banned):\n    time.sleep(0.05)\n    return 0\n",
        )
        .unwrap();
    }
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let jobs = (cores + 2).to_string();
    let mut c = grade_cmd();
    let report = dir.path().join("grade.json");
    c.env("JUDGE_SANDBOX_UID", base.to_string()).arg(dir.path()).args(["-j", &jobs, "--json"]).arg(&report);
    c.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    let mut child = c.spawn().unwrap();
    let mut samples_with_pins = 0;
    while child.try_wait().unwrap().is_none() {
        // uid → the single CPUs its processes are pinned to, now.
        let mut pinned: Vec<(u32, String)> = Vec::new();
        for slot in 0..(cores as u32 + 2) {
            for (pid, _) in processes_of_uid(base + slot) {
                if let Some(cpus) = allowed_cpus(pid).filter(|c| !c.contains([',', '-'])) {
                    if !pinned.contains(&(slot, cpus.clone())) {
                        pinned.push((slot, cpus));
                    }
                }
            }
        }
        if !pinned.is_empty() {
            samples_with_pins += 1;
        }
        let mut cpus: Vec<&String> = pinned.iter().map(|(_, c)| c).collect();
        cpus.sort();
        let n = cpus.len();
        cpus.dedup();
        assert_eq!(cpus.len(), n, "two solutions' runs on one CPU at once: {pinned:?}");
        assert!(n <= cores, "more pinned runs than cores: {pinned:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(child.wait().unwrap().code(), Some(1));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(doc["solutions"].as_array().unwrap().len(), 4);
    assert!(samples_with_pins > 0, "never saw a pinned run");
}

/// Everything a `judge grade` writes to a terminal (stdout and stderr on one
/// pseudo-terminal), with `CI` set or not.
fn grade_on_a_terminal(dir: &Path, ci: bool) -> (Option<i32>, String) {
    use std::io::Read;
    use std::os::fd::{AsFd, OwnedFd};
    let ws = nix::pty::Winsize { ws_row: 40, ws_col: 160, ws_xpixel: 0, ws_ypixel: 0 };
    let pty = nix::pty::openpty(Some(&ws), None).unwrap();
    let slave = |fd: &OwnedFd| std::process::Stdio::from(fd.as_fd().try_clone_to_owned().unwrap());
    let mut c = judge();
    c.env_remove("CI").env_remove("GITHUB_ACTIONS").env("TERM", "xterm").arg("grade").arg(dir).args(["-j", "1"]);
    if ci {
        c.env("CI", "true");
    }
    c.stdout(slave(&pty.slave)).stderr(slave(&pty.slave)).stdin(std::process::Stdio::null());
    let mut child = c.spawn().unwrap();
    // Close every copy of the slave here (the command holds two), or the reader never sees EIO.
    drop(c);
    drop(pty.slave);
    let mut master = std::fs::File::from(pty.master);
    let reader = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        // EIO once the judge (the last holder of the slave) has exited.
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        all
    });
    let status = child.wait().unwrap();
    (status.code(), text(&reader.join().unwrap()))
}

/// A progress bar on a terminal; none when `CI` is set (nor when piped: the
/// other tests).
#[test]
fn grade_shows_progress_on_a_terminal_but_not_in_ci() {
    let dir = tempfile::tempdir().unwrap();
    for n in ["a", "b"] {
        std::fs::write(
            dir.path().join(format!("slow_{n}.py")),
            "# judge: longest-clean-span\nimport time\ndef longest_clean_span(tokens, banned):\n    time.sleep(0.06)\n    return 0\n",
        )
        .unwrap();
    }
    let (code, shown) = grade_on_a_terminal(dir.path(), false);
    assert_eq!(code, Some(1), "{shown}");
    assert!(shown.contains("/2 solutions  "), "no progress bar on a terminal:\n{shown}");
    assert!(shown.contains("total: 0/2 points"), "{shown}");
    let (code, shown) = grade_on_a_terminal(dir.path(), true);
    assert_eq!(code, Some(1), "{shown}");
    assert!(!shown.contains("/2 solutions  "), "a progress bar with CI set:\n{shown}");
    assert!(shown.contains("total: 0/2 points"), "{shown}");
}
