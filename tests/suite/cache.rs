//! The compile cache (`judge_engine::cache`) through the real binary: hits,
//! misses, a corrupted entry, two judges at once; Python's passed checks and
//! the toolchain probe cache (`judge_lang::probe_cache`).

use crate::support::{judge, repo};
use std::path::Path;

fn run_samples(cache: &Path, file: &Path) -> serde_json::Value {
    let out = judge()
        .env("JUDGE_CACHE_DIR", cache)
        .arg("run")
        .arg(file)
        .args(["--samples", "--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

fn cached(r: &serde_json::Value) -> bool {
    r["compile_cached"] == true
}

#[test]
fn unchanged_files_skip_compilation_and_changes_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = dir.path().join("top_k_sampling.cpp");
    std::fs::copy(repo().join("examples/top_k_sampling.cpp"), &file).unwrap();
    let first = run_samples(&cache, &file);
    assert_eq!((first["verdict"].as_str(), cached(&first)), (Some("AC"), false), "{first:#}");
    let second = run_samples(&cache, &file);
    assert_eq!((second["verdict"].as_str(), cached(&second)), (Some("AC"), true), "{second:#}");
    // Any change to the source is a miss.
    let mut src = std::fs::read_to_string(&file).unwrap();
    src.push_str("\n// edited\n");
    std::fs::write(&file, src).unwrap();
    let third = run_samples(&cache, &file);
    assert_eq!((third["verdict"].as_str(), cached(&third)), (Some("AC"), false), "{third:#}");
    // A corrupted entry is rebuilt, never run.
    for entry in std::fs::read_dir(&cache).unwrap().flatten() {
        std::fs::write(entry.path().join("program"), b"#!/bin/sh\necho forged\n").unwrap();
    }
    let fourth = run_samples(&cache, &file);
    assert_eq!((fourth["verdict"].as_str(), cached(&fourth)), (Some("AC"), false), "{fourth:#}");
    let fifth = run_samples(&cache, &file);
    assert!(cached(&fifth), "stored again after the rebuild");
    // `judge cache clear` empties it.
    let out = judge().env("JUDGE_CACHE_DIR", &cache).args(["cache", "clear"]).output().unwrap();
    assert!(out.status.success());
    assert!(!cached(&run_samples(&cache, &file)));
}

#[test]
fn two_judges_at_once_share_the_cache_safely() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = repo().join("examples/top_k_sampling.cpp");
    let reports: Vec<serde_json::Value> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..3).map(|_| s.spawn(|| run_samples(&cache, &file))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(reports.iter().all(|r| r["verdict"] == "AC"), "{reports:#?}");
    let entries: Vec<_> = std::fs::read_dir(&cache).unwrap().flatten().map(|e| e.file_name()).filter(|n| n != ".toolchains").collect();
    assert_eq!(entries.len(), 1, "one entry, no leftovers: {entries:?}");
    // The compiler's probe: one entry, whole, no temporary files left.
    let probes: Vec<_> = std::fs::read_dir(cache.join(".toolchains")).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(probes.len(), 1, "{probes:?}");
    let probe: serde_json::Value = serde_json::from_slice(&std::fs::read(&probes[0]).unwrap()).unwrap();
    assert_eq!(probe["format"], "judge-probe-cache-1");
    assert!(cached(&run_samples(&cache, &file)));
}

/// `judge -vv run FILE --samples --format json` with this cache (and
/// environment): the report and the trace (stderr).
fn run_traced(cache: &Path, file: &Path, env: &[(&str, &std::ffi::OsStr)]) -> (serde_json::Value, String) {
    let mut cmd = judge();
    cmd.env("JUDGE_CACHE_DIR", cache).env_remove("JUDGE_NO_CACHE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.arg("-vv").arg("run").arg(file).args(["--samples", "--format", "json"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    (report, stderr)
}

/// What the probe cache did in a traced run.
fn probe(trace: &str) -> &'static str {
    for (needle, what) in [
        ("toolchain probe cache hit", "hit"),
        ("toolchain probe not cached: the command is a script", "script"),
        ("outcome=Stored", "stored"),
        ("outcome=Racy", "racy"),
        ("outcome=Unwritable", "unwritable"),
    ] {
        if trace.contains(needle) {
            return what;
        }
    }
    panic!("no probe cache trace in:\n{trace}")
}

/// A Python venv with its own copy of the interpreter (`--copies`), so that
/// touching it touches nothing outside the test's folder.
fn venv(dir: &Path) -> std::path::PathBuf {
    let out = std::process::Command::new("python3").args(["-m", "venv", "--copies", "--without-pip"]).arg(dir).output().unwrap();
    assert!(out.status.success(), "python3 -m venv: {}", String::from_utf8_lossy(&out.stderr));
    let exe = dir.join("bin/python3");
    assert!(exe.is_file());
    exe
}

/// Past the probe cache's race window (a path changed within 1 s before a
/// probe keeps its entry from being written).
fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(1300));
}

#[test]
fn python_toolchain_probes_are_cached_until_the_interpreter_or_its_paths_change() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let exe = venv(&dir.path().join("venv"));
    let file = repo().join("examples/longest_clean_span.py");
    let env = [("JUDGE_PYTHON", exe.as_os_str())];
    settle();
    let (r, t) = run_traced(&cache, &file, &env);
    assert_eq!((r["verdict"].as_str(), probe(&t)), (Some("AC"), "stored"), "{r:#}");
    assert_eq!(r["toolchain"]["path"].as_str(), exe.to_str());
    let (r2, t) = run_traced(&cache, &file, &env);
    assert_eq!((r2["verdict"].as_str(), probe(&t)), (Some("AC"), "hit"), "{r2:#}");
    assert_eq!(r2["toolchain"], r["toolchain"], "the cached probe reports the same toolchain");
    let entries: Vec<_> = std::fs::read_dir(cache.join(".toolchains")).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(entries.len(), 1, "{entries:?}");

    // A corrupted entry is ignored and rewritten, never trusted.
    std::fs::write(&entries[0], b"{\"format\": \"judge-probe-cache-1\", \"exe\": \"/bin/sh\"").unwrap();
    let (r, t) = run_traced(&cache, &file, &env);
    assert_eq!((r["verdict"].as_str(), probe(&t)), (Some("AC"), "stored"), "{r:#}");
    let (_, t) = run_traced(&cache, &file, &env);
    assert_eq!(probe(&t), "hit", "{t}");
    // Another foreign entry: valid JSON, wrong shape.
    std::fs::write(&entries[0], b"[1, 2, 3]").unwrap();
    let (_, t) = run_traced(&cache, &file, &env);
    assert_eq!(probe(&t), "stored", "{t}");

    // A new file in site-packages (an installed package, a .pth) changes
    // the folder: probed again. Right after a change the entry is not
    // written (racy) unless the probe started over 1 s after it (a slow
    // machine); the run after that then stores or uses it.
    let site = std::fs::read_dir(dir.path().join("venv/lib")).unwrap().flatten().next().unwrap().path().join("site-packages");
    assert!(site.is_dir(), "{}", site.display());
    let reprobed = |what: &str| {
        let (r, t) = run_traced(&cache, &file, &env);
        let first = probe(&t);
        assert!(r["verdict"] == "AC" && ["racy", "stored"].contains(&first), "{what}: {first}: {t}");
        settle();
        let (_, t) = run_traced(&cache, &file, &env);
        assert_eq!(probe(&t), if first == "racy" { "stored" } else { "hit" }, "{what}: {t}");
        let (_, t) = run_traced(&cache, &file, &env);
        assert_eq!(probe(&t), "hit", "{what}: {t}");
    };
    std::fs::write(site.join("judge_test_extra.pth"), b"").unwrap();
    reprobed("a new .pth file");
    // Editing that .pth file in place (the folder unchanged) too.
    std::fs::write(site.join("judge_test_extra.pth"), b"# edited\n").unwrap();
    reprobed("an edited .pth file");
    // The interpreter itself touched (a reinstall, an upgrade): probed again.
    let f = std::fs::File::options().append(true).open(&exe).unwrap();
    f.set_modified(std::time::SystemTime::now()).unwrap();
    drop(f);
    reprobed("the interpreter touched");

    // The compile cache turned off turns the probe cache off too.
    let (r, t) = run_traced(&cache, &file, &[("JUDGE_PYTHON", exe.as_os_str()), ("JUDGE_NO_CACHE", "1".as_ref())]);
    assert_eq!(r["verdict"], "AC");
    assert!(!t.contains("toolchain probe cache hit") && !t.contains("outcome="), "{t}");
}

#[test]
fn a_script_interpreter_is_probed_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let exe = venv(&dir.path().join("venv"));
    // A shim like pyenv's: its answer may depend on the directory or the
    // environment, which the cache cannot see.
    let shim = dir.path().join("python3-shim");
    std::fs::write(&shim, format!("#!/bin/sh\nexec '{}' \"$@\"\n", exe.display())).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&shim, std::fs::Permissions::from_mode(0o755)).unwrap();
    settle();
    let file = repo().join("examples/longest_clean_span.py");
    for _ in 0..2 {
        let (r, t) = run_traced(&cache, &file, &[("JUDGE_PYTHON", shim.as_os_str())]);
        assert_eq!((r["verdict"].as_str(), probe(&t)), (Some("AC"), "script"), "{r:#}");
    }
    let stored = std::fs::read_dir(cache.join(".toolchains")).map(|d| d.flatten().filter(|e| !e.file_name().to_string_lossy().starts_with('.')).count()).unwrap_or(0);
    assert_eq!(stored, 0, "nothing cached for a script");
}

#[test]
fn a_passed_python_check_is_cached_and_a_failed_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = dir.path().join("longest_clean_span.py");
    std::fs::copy(repo().join("examples/longest_clean_span.py"), &file).unwrap();
    let first = run_samples(&cache, &file);
    assert_eq!((first["verdict"].as_str(), cached(&first)), (Some("AC"), false), "{first:#}");
    let second = run_samples(&cache, &file);
    assert_eq!((second["verdict"].as_str(), cached(&second)), (Some("AC"), true), "{second:#}");
    assert_eq!(second["passed"], first["passed"]);
    // The check entry holds no program.
    let entry = std::fs::read_dir(&cache).unwrap().flatten().find(|e| !e.file_name().to_string_lossy().starts_with('.')).unwrap().path();
    assert!(entry.join("meta.json").is_file() && !entry.join("program").exists());
    // Cache off: the check runs.
    let out = judge().env("JUDGE_CACHE_DIR", &cache).env("JUDGE_NO_CACHE", "1").arg("run").arg(&file).args(["--samples", "--format", "json"]).output().unwrap();
    let off: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((off["verdict"].as_str(), cached(&off)), (Some("AC"), false), "{off:#}");
    // An edit is a miss; a wrong answer still judged as one.
    let src = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, src.replace("return best", "return best + 1")).unwrap();
    let edited = run_samples(&cache, &file);
    assert_eq!((edited["verdict"].as_str(), cached(&edited)), (Some("WA"), false), "{edited:#}");
    let again = run_samples(&cache, &file);
    assert_eq!((again["verdict"].as_str(), cached(&again)), (Some("WA"), true), "{again:#}");
    // A check that fails is a CE every time, with the same report.
    for (broken, what) in [(src.replace("def longest_clean_span(", "def longest_clean_span(("), "syntax"), (src.replace("def longest_clean_span(", "def other_name("), "no entry")] {
        std::fs::write(&file, broken).unwrap();
        let a = run_samples(&cache, &file);
        let b = run_samples(&cache, &file);
        assert_eq!((a["verdict"].as_str(), cached(&a)), (Some("CE"), false), "{what}: {a:#}");
        assert_eq!((b["verdict"].as_str(), cached(&b)), (Some("CE"), false), "{what}: {b:#}");
        assert_eq!(a["compile"], b["compile"], "{what}");
    }
    // A corrupted check entry is removed, not trusted.
    std::fs::write(&file, &src).unwrap();
    std::fs::write(entry.join("meta.json"), b"{\"size\": 1}").unwrap();
    let r = run_samples(&cache, &file);
    assert_eq!((r["verdict"].as_str(), cached(&r)), (Some("AC"), false), "{r:#}");
    assert!(cached(&run_samples(&cache, &file)));
}
