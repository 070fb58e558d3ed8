//! The stable report of one `judge run`, serialised as the JSON schema
//! documented in `docs/report-schema.md` (schema version 1), and the process
//! exit codes.

use crate::verdict::{Cause, Verdict};
use serde::{Deserialize, Serialize};

/// Version of the JSON report schema; bumped only on incompatible changes.
pub const SCHEMA_VERSION: u32 = 2;

/// Exit codes of the `judge` binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// 0: every case AC.
    Accepted = 0,
    /// 1: some case not AC (WA, TLE, MLE, RE, CE, OLE).
    Rejected = 1,
    /// 2: usage or configuration error (unknown problem, missing file,
    /// unsupported extension, bad manifest).
    Usage = 2,
    /// 3: internal error (IE): the judge failed.
    Internal = 3,
    /// 4: nothing was judged: every case that ran was skipped (SK), e.g. a
    /// CUDA program on a machine without a usable NVIDIA GPU (and no case was
    /// rejected). Never a pass.
    Skipped = 4,
}

impl ExitCode {
    /// The exit code for an overall verdict.
    pub fn for_verdict(v: Verdict) -> ExitCode {
        match v {
            Verdict::AC => ExitCode::Accepted,
            Verdict::IE => ExitCode::Internal,
            Verdict::SK => ExitCode::Skipped,
            _ => ExitCode::Rejected,
        }
    }
}

/// The interpreter or compiler a run used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Toolchain {
    /// `python3`, `g++`.
    pub name: String,
    /// Absolute path of the executable actually run.
    pub path: String,
    /// Its version (`3.11.7`, `12.2.0`).
    pub version: String,
}

/// Which sandbox layers were enforced for the run, and which were missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SandboxReport {
    /// Layers in force (`rlimits`, `pid-namespace`, `mount-namespace`,
    /// `unprivileged-uid`, `cgroup-memory`, `cgroup-pids`, ...).
    pub enforced: Vec<String>,
    /// Layers that could not be applied, each `name: why`.
    pub missing: Vec<String>,
}

/// Data shown for a failing case (only for sample cases, or with `--reveal`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CaseDetails {
    /// The input: arguments (function problems, rendered) or stdin (stdio problems), truncated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The expected value or answer, rendered, truncated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What the program returned or printed, rendered, truncated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    /// The program's stdout (capped).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stdout: Option<String>,
    /// The program's stderr (capped).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stderr: Option<String>,
    /// The traceback of an uncaught exception, as the driver reported it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traceback: Option<String>,
    /// For a stdio WA: a line diff of expected (`-`) vs actual (`+`), hunks
    /// headed `@@ line N @@`, whitespace visible (`␍` CR, `→` tab, `·`
    /// trailing space, `⟨no newline at end⟩`), the first differing token in `«…»`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
    /// A hint, e.g. that the output would pass if whitespace were ignored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// One case's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseReport {
    /// Case id: `sample/01-basic`, `hidden/07-large`.
    pub id: String,
    /// Whether this is a hidden case (data not shown without `--reveal`).
    pub hidden: bool,
    /// The verdict.
    pub verdict: Verdict,
    /// CPU time, user + sys, ms.
    pub cpu_ms: u64,
    /// Wall time, ms.
    pub wall_ms: u64,
    /// Time the run's processes were runnable but waiting for a CPU (a busy
    /// machine), ms; not charged against the wall limit.
    #[serde(default)]
    pub wait_ms: u64,
    /// Peak memory, KiB.
    pub memory_kib: u64,
    /// Kernel problems on a GPU: the median time of `solve` over the timed
    /// repetitions (CUDA events, L2 flushed before each), ms. Reported by
    /// the driver, which runs in the solution's process: shown, never judged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kernel_ms: Option<f64>,
    /// The cause in one line; empty for AC.
    pub message: String,
    /// The cause, structured; absent for AC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
    /// Inputs and outputs of a failing case, when they may be shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<CaseDetails>,
}

impl CaseReport {
    /// A case that produced no measurement (IE before or around its run, SK):
    /// zero figures, `message` from the cause, no details.
    pub fn not_run(id: String, hidden: bool, verdict: Verdict, cause: Cause) -> CaseReport {
        CaseReport {
            id,
            hidden,
            verdict,
            cpu_ms: 0,
            wall_ms: 0,
            wait_ms: 0,
            memory_kib: 0,
            kernel_ms: None,
            message: cause.message(),
            cause: Some(cause),
            details: None,
        }
    }
}

/// The report of one `judge run`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Schema version, [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Problem id.
    pub problem: String,
    /// Language id (`python`, `cpp`).
    pub language: String,
    /// The interpreter or compiler used.
    pub toolchain: Option<Toolchain>,
    /// Overall verdict: AC when every case is AC, else the first failing case's.
    pub verdict: Verdict,
    /// Number of AC cases.
    pub passed: usize,
    /// Number of cases selected to run (all of the problem's unless
    /// `--samples` or `--case` chose fewer).
    pub total: usize,
    /// Cases not run because `--fail-fast` stopped at an earlier failure
    /// (they are not listed in `cases`).
    pub skipped: usize,
    /// Compilation error, when the verdict is CE (or an IE during compilation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compile: Option<Cause>,
    /// Wall time of the compilation (Python: the syntax check), ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compile_ms: Option<u64>,
    /// The compiled program came from the compile cache (no compilation ran).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub compile_cached: bool,
    /// The submission's path as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// When the judging started, ms since the Unix epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_unix_ms: Option<u64>,
    /// How long the judging took (build and cases), ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// One entry per case that ran, in case order.
    pub cases: Vec<CaseReport>,
    /// Sandbox layers in force.
    pub sandbox: SandboxReport,
}

impl Report {
    /// The overall verdict of a list of case results: AC if all are AC, else the
    /// verdict of the first case in case order that is neither AC nor SK; when
    /// the only non-AC verdicts are SK, SK (a skip is never a pass). An empty
    /// list is IE.
    pub fn overall(cases: &[CaseReport]) -> Verdict {
        if cases.is_empty() {
            return Verdict::IE;
        }
        let mut verdicts = cases.iter().map(|c| c.verdict);
        if let Some(v) = verdicts.clone().find(|v| !matches!(v, Verdict::AC | Verdict::SK)) {
            return v;
        }
        if verdicts.any(|v| v == Verdict::SK) {
            Verdict::SK
        } else {
            Verdict::AC
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(v: Verdict) -> CaseReport {
        CaseReport { id: "c".into(), hidden: false, verdict: v, cpu_ms: 0, wall_ms: 0, wait_ms: 0, memory_kib: 0, kernel_ms: None, message: String::new(), cause: None, details: None }
    }

    #[test]
    fn a_skip_is_never_a_pass_and_never_hides_a_failure() {
        assert_eq!(Report::overall(&[case(Verdict::AC), case(Verdict::SK)]), Verdict::SK);
        assert_eq!(Report::overall(&[case(Verdict::SK), case(Verdict::SK)]), Verdict::SK);
        assert_eq!(Report::overall(&[case(Verdict::SK), case(Verdict::WA)]), Verdict::WA);
        assert_eq!(Report::overall(&[case(Verdict::AC), case(Verdict::AC)]), Verdict::AC);
        assert_eq!(ExitCode::for_verdict(Verdict::SK) as i32, 4);
        assert_eq!(ExitCode::for_verdict(Verdict::AC) as i32, 0);
    }
}
