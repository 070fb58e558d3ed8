//! Helpers shared by the suite's modules.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repo root")
}

/// The test registry (`tests/fixtures/problems`).
pub fn test_registry() -> PathBuf {
    repo().join("tests/fixtures/problems")
}

/// A path under `tests/fixtures/solutions`.
pub fn solution(rel: &str) -> PathBuf {
    repo().join("tests/fixtures/solutions").join(rel)
}

/// A `judge` command with a clean environment for registry selection.
pub fn judge() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_judge"));
    c.env_remove("JUDGE_PROBLEMS").env_remove("JUDGE_RUNNERS").env("NO_COLOR", "1");
    c
}

/// Which registry a fixture's problem lives in.
#[derive(Debug, Clone, Copy)]
pub enum Reg {
    /// The embedded default registry (`problems/`).
    Seed,
    /// `tests/fixtures/problems`.
    Tests,
}

/// The result of `judge run --format json`.
pub struct Run {
    pub code: i32,
    pub report: Value,
    pub stderr: String,
    pub elapsed: std::time::Duration,
}

impl Run {
    /// The first case that is not AC.
    pub fn first_failure(&self) -> Option<&Value> {
        self.report["cases"].as_array()?.iter().find(|c| c["verdict"] != "AC")
    }

    /// All the text a failure explains itself with: first failing case's
    /// message and details, or the compile error.
    pub fn explanation(&self) -> String {
        let mut s = String::new();
        if let Some(c) = self.first_failure() {
            s.push_str(c["message"].as_str().unwrap_or(""));
            s.push('\n');
            s.push_str(&c["details"].to_string());
        }
        s.push_str(&self.report["compile"].to_string());
        s
    }

    pub fn verdict(&self) -> &str {
        self.report["verdict"].as_str().unwrap_or("?")
    }
}

/// Run `judge run FILE --problem P --format json` plus `extra` flags.
pub fn run_json(reg: Reg, problem: &str, file: &Path, extra: &[&str]) -> Run {
    let mut cmd = judge();
    cmd.arg("run").arg(file).args(["--problem", problem, "--format", "json"]).args(extra);
    if let Reg::Tests = reg {
        cmd.arg("--problems").arg(test_registry());
    }
    let start = std::time::Instant::now();
    let out: Output = cmd.output().expect("run judge");
    let elapsed = start.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let report: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("judge printed no JSON report ({e})\nstdout:\n{stdout}\nstderr:\n{stderr}"));
    Run { code: out.status.code().unwrap_or(-1), report, stderr, elapsed }
}

/// Live processes (not zombies) whose command line contains `marker`.
pub fn live_processes_with(marker: &str) -> Vec<u32> {
    let mut found = Vec::new();
    let Ok(dir) = std::fs::read_dir("/proc") else { return found };
    for entry in dir.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        if !String::from_utf8_lossy(&cmdline).contains(marker) {
            continue;
        }
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        let state = stat.rsplit(')').next().and_then(|r| r.split_whitespace().next()).unwrap_or("");
        if state != "Z" && pid != std::process::id() {
            found.push(pid);
        }
    }
    found
}

/// (pid, state) of every process whose real uid is `uid`.
pub fn processes_of_uid(uid: u32) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let Ok(dir) = std::fs::read_dir("/proc") else { return out };
    for entry in dir.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(status) = std::fs::read_to_string(entry.path().join("status")) else { continue };
        let field = |name: &str| status.lines().find(|l| l.starts_with(name)).map(|l| l[name.len()..].trim().to_string());
        let Some(uids) = field("Uid:") else { continue };
        if uids.split_whitespace().next() == Some(&uid.to_string()) {
            out.push((pid, field("State:").unwrap_or_default()));
        }
    }
    out
}

/// A uid for one test, distinct from the default range and from other tests.
pub fn uid_for(test: &str) -> u32 {
    let h = test.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    1_500_000_000 + h % 1_000_000
}
