//! Checker programs for function problems.
//!
//! Protocol (`docs/checkers.md`): the checker is a Python program in the
//! problem directory. It reads one JSON object on stdin,
//! `{"args": [...], "expected": V, "actual": V}` in typed JSON (the actual
//! value has already been decoded strictly against the declared return type),
//! and exits 0 to accept, 1 to reject (its stdout's first line is the reason);
//! any other exit, a crash or a time-out is a checker failure (IE), never WA.
//! It runs in its own sandbox under limits, outside the solution's reach.

use judge_core::{Evidence, Termination, Value};
use judge_sandbox::{RunSpec, Sandbox, StdinSource};
use std::path::{Path, PathBuf};

/// A checker program ready to run.
#[derive(Debug, Clone)]
pub struct ProgramChecker {
    /// Interpreter (absolute).
    pub interpreter: PathBuf,
    /// Interpreter flags (e.g. `-I -S -B`).
    pub flags: Vec<String>,
    /// The checker script (absolute, readable by the sandbox uid).
    pub script: PathBuf,
    /// Directories the interpreter needs reachable.
    pub reachable: Vec<PathBuf>,
    /// Paths the checker may read besides the system (its own folder).
    pub readable: Vec<PathBuf>,
    /// Paths hidden from it (as from the solution).
    pub hidden: Vec<PathBuf>,
    /// Directory where checker inputs are written (private to the judge).
    pub private_dir: PathBuf,
    /// A work directory writable by the sandbox uid.
    pub workdir: PathBuf,
    /// CPU limit per check, ms.
    pub cpu_ms: u64,
    /// Memory limit, KiB.
    pub memory_kib: u64,
}

impl ProgramChecker {
    /// Run the checker on one answer.
    pub fn check(&self, sandbox: &Sandbox, case_id: &str, args: &[Value], expected: &Value, actual: &Value) -> Evidence {
        let input = serde_json::json!({
            "args": args.iter().map(Value::to_json).collect::<Vec<_>>(),
            "expected": expected.to_json(),
            "actual": actual.to_json(),
        });
        let file = self.private_dir.join(format!("checker-{}.json", case_id.replace('/', "_")));
        if let Err(e) = std::fs::write(&file, serde_json::to_vec(&input).expect("json")) {
            return Evidence::CheckerFailed(format!("cannot write {}: {e}", file.display()));
        }
        let mut argv = vec![self.interpreter.display().to_string()];
        argv.extend(self.flags.iter().cloned());
        argv.push(self.script.display().to_string());
        let mut spec = RunSpec::new(&self.interpreter, argv, &self.workdir);
        spec.stdin = StdinSource::File(file.clone());
        spec.env = vec![
            ("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into()),
            ("LANG".into(), "C.UTF-8".into()),
            ("HOME".into(), self.workdir.display().to_string()),
        ];
        spec.cpu_ms = self.cpu_ms;
        spec.wall_ms = self.cpu_ms * 3 + 2000;
        spec.memory_kib = Some(self.memory_kib);
        spec.reachable = self.reachable.clone();
        spec.readable = self.readable.clone();
        spec.hidden = self.hidden.clone();
        let outcome = sandbox.run(&spec);
        let _ = std::fs::remove_file(&file);
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) => return Evidence::CheckerFailed(e.to_string()),
        };
        let reason = outcome.stdout.text().lines().next().unwrap_or("").trim().to_string();
        let m = &outcome.measurement;
        if m.killed_for_cpu || m.killed_for_wall {
            return Evidence::CheckerFailed("the checker program ran out of time".into());
        }
        match m.termination {
            Termination::Exited(0) => Evidence::Accepted,
            Termination::Exited(1) => Evidence::Rejected(if reason.is_empty() {
                "rejected by the checker".into()
            } else {
                format!("checker: {reason}")
            }),
            Termination::Exited(c) => {
                let why = last_line(&outcome.stderr.text());
                let why = if why.is_empty() { "(nothing on stderr)".to_string() } else { why };
                Evidence::CheckerFailed(format!("checker program exited with {c} (0 accepts, 1 rejects): {why}"))
            }
            Termination::Signaled(s) => Evidence::CheckerFailed(format!("checker program killed by signal {s}")),
        }
    }

    /// The script's path.
    pub fn script(&self) -> &Path {
        &self.script
    }
}

fn last_line(s: &str) -> String {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").to_string()
}
