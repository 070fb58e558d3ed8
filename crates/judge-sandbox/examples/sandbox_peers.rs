//! Benchmark: sandbox start-up against its peers, for figure 4 of
//! `scripts/bench_suite.py` (`make bench`). Prints figures; asserts nothing.
//!
//! `cargo run --release -p judge-sandbox --example sandbox_peers -- [RUNS] [--bwrap PATH]`
//!
//! Runs `/bin/true` RUNS times (default 200, after 5 warm-up runs of each)
//! three ways, interleaved round by round so that a busy machine slows all
//! three alike:
//! - `bare`: `std::process::Command` fork/exec, waited for;
//! - `ours`: [`Sandbox::run`] with every layer (rlimits, namespaces, network
//!   namespace, Landlock, seccomp, cgroups when the machine allows them, an
//!   unprivileged uid when run as root), the way the judge starts a program;
//! - `bwrap`: bubblewrap (`--bwrap PATH`, default `bwrap` on PATH) with the
//!   nearest isolation it offers (see [`bwrap_argv`]); skipped, with the
//!   reason, when it is missing or fails.
//!
//! Output: one JSON object on stdout, times in ms (medians, plus min and max
//! per peer): `{"runs", "program", "bare_ms", "ours_ms", "bwrap_ms" (null when
//! not measured), "bwrap_why_not", "bwrap_argv", "ours_enforced",
//! "ours_missing", ...}`. Human-readable lines go to stderr.
use judge_sandbox::{Layers, RunSpec, Sandbox};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Median, minimum and maximum of `v` (ms); `None` for an empty `v`.
fn stats(mut v: Vec<f64>) -> Option<(f64, f64, f64)> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    let median = if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 };
    Some((median, v[0], v[n - 1]))
}

/// The bubblewrap command line with isolation comparable to the judge's
/// sandbox: every namespace unshared (user, pid, mount, ipc, uts, cgroup,
/// network), killed with its parent, a new session, all capabilities dropped,
/// `/usr` read-only (and `/bin`, `/lib`, `/lib64`, `/sbin` as the host has
/// them: symlinks into `/usr` or read-only binds), a new `/proc`, a minimal
/// `/dev`, a tmpfs `/tmp`, an empty environment. What it lacks against the
/// judge (seccomp filter, Landlock, cgroup limits, rlimits) is reported by
/// the suite, not emulated here.
fn bwrap_argv(bwrap: &str, program: &str) -> Vec<String> {
    let mut a: Vec<String> = [
        bwrap,
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--clearenv",
        "--ro-bind",
        "/usr",
        "/usr",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for dir in ["/bin", "/lib", "/lib64", "/sbin"] {
        let path = Path::new(dir);
        match std::fs::read_link(path) {
            Ok(target) => a.extend(["--symlink".into(), target.display().to_string(), dir.into()]),
            Err(_) if path.is_dir() => a.extend(["--ro-bind".into(), dir.into(), dir.into()]),
            Err(_) => {}
        }
    }
    a.extend(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--chdir", "/tmp", program].iter().map(|s| s.to_string()));
    a
}

/// Run `argv` once; `Err` with the reason when it cannot start or exits non-zero.
fn run_status(argv: &[String]) -> Result<(), String> {
    let out = Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot start {}: {e}", argv[0]))?;
    if out.status.success() {
        Ok(())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(format!("{} exited with {}: {}", argv[0], out.status, err.trim()))
    }
}

fn json_stats(name: &str, s: Option<(f64, f64, f64)>) -> String {
    match s {
        Some((med, min, max)) => format!("\"{name}_ms\": {med:.4}, \"{name}_min_ms\": {min:.4}, \"{name}_max_ms\": {max:.4}"),
        None => format!("\"{name}_ms\": null"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(judge_sandbox::HELPER_SUBCOMMAND) {
        judge_sandbox::helper_main();
    }
    if let Err(e) = bench(&args) {
        eprintln!("sandbox_peers: {e}");
        std::process::exit(2);
    }
}

fn bench(args: &[String]) -> Result<(), String> {
    let mut runs: usize = 200;
    let mut bwrap = "bwrap".to_string();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--bwrap" => {
                bwrap = args.get(i + 1).ok_or("--bwrap needs a path")?.clone();
                i += 2;
            }
            a => {
                runs = a.parse().map_err(|_| format!("RUNS must be a positive number, not {a:?}"))?;
                if runs == 0 {
                    return Err("RUNS must be at least 1".into());
                }
                i += 1;
            }
        }
    }
    let program = ["/bin/true", "/usr/bin/true"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .ok_or("neither /bin/true nor /usr/bin/true exists")?;
    let exe: PathBuf = std::env::current_exe().map_err(|e| format!("cannot locate this program: {e}"))?;
    let work = tempfile::tempdir().map_err(|e| format!("cannot create a work directory: {e}"))?;
    let sandbox = Sandbox::with_cgroups(exe, true);
    if let Some(uid) = sandbox.uid() {
        std::os::unix::fs::chown(work.path(), Some(uid), Some(uid)).map_err(|e| format!("cannot chown the work directory: {e}"))?;
    }
    let mut spec = RunSpec::new(program, vec!["true".into()], work.path());
    spec.layers = Layers::default();
    spec.wall_ms = 10_000;

    let bare_argv = vec![program.to_string()];
    let bwrap_cmd = bwrap_argv(&bwrap, program);
    // Probe each peer once: a failure here is reported, never timed.
    let first = sandbox.run(&spec).map_err(|e| format!("the sandbox cannot run {program}: {e}"))?;
    if first.measurement.termination != judge_core::Termination::Exited(0) {
        return Err(format!("{program} in the sandbox ended with {:?}", first.measurement.termination));
    }
    run_status(&bare_argv)?;
    let bwrap_why_not = run_status(&bwrap_cmd).err();
    if let Some(why) = &bwrap_why_not {
        eprintln!("bwrap not measured: {why}");
    }

    let (mut bare, mut ours, mut bw) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..runs + 5 {
        let t = Instant::now();
        run_status(&bare_argv)?;
        let b = t.elapsed().as_secs_f64() * 1000.0;

        let t = Instant::now();
        let o = sandbox.run(&spec).map_err(|e| format!("sandboxed run failed: {e}"))?;
        let s = t.elapsed().as_secs_f64() * 1000.0;
        if o.measurement.termination != judge_core::Termination::Exited(0) {
            return Err(format!("{program} in the sandbox ended with {:?}", o.measurement.termination));
        }

        let w = if bwrap_why_not.is_none() {
            let t = Instant::now();
            run_status(&bwrap_cmd)?;
            Some(t.elapsed().as_secs_f64() * 1000.0)
        } else {
            None
        };
        if round >= 5 {
            bare.push(b);
            ours.push(s);
            bw.extend(w);
        }
    }
    let (bare_s, ours_s, bw_s) = (stats(bare), stats(ours), stats(bw));
    let quote = |v: &[String]| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    eprintln!(
        "sandbox start of {program}, median of {runs}: bare {:.2} ms, ours (all layers) {:.2} ms, bwrap {}",
        bare_s.map_or(f64::NAN, |s| s.0),
        ours_s.map_or(f64::NAN, |s| s.0),
        bw_s.map_or("not measured".to_string(), |s| format!("{:.2} ms", s.0))
    );
    println!(
        "{{\"runs\": {runs}, \"program\": {}, {}, {}, {}, \"bwrap_why_not\": {}, \"bwrap_argv\": {}, \"ours_enforced\": {}, \"ours_missing\": {}}}",
        serde_json::Value::from(program),
        json_stats("bare", bare_s),
        json_stats("ours", ours_s),
        json_stats("bwrap", bw_s),
        bwrap_why_not.map_or("null".to_string(), |w| serde_json::Value::from(w).to_string()),
        quote(&bwrap_cmd),
        quote(&first.layers.enforced),
        quote(&first.layers.missing),
    );
    Ok(())
}
