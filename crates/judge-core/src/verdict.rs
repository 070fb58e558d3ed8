//! Verdicts (the field's two- and three-letter codes) and their causes.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The outcome of one case, or of a whole run (the first non-AC case in case order).
///
/// Serialised as the upper-case code (`"AC"`, `"WA"`, ...), as every judge spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    /// Accepted: the answer was checked and is right.
    AC,
    /// Wrong answer: the program ran within limits but its answer was rejected.
    WA,
    /// Time limit exceeded: CPU time (user + sys) or wall time over the limit.
    TLE,
    /// Memory limit exceeded: the memory cap was hit (measured peak, OOM kill or
    /// an allocation failure under the cap such as `MemoryError`/`std::bad_alloc`).
    MLE,
    /// Runtime error: non-zero exit, fatal signal, uncaught exception or a missing,
    /// garbled or duplicated result.
    RE,
    /// Compilation error (for Python: a syntax error or a missing entry function).
    CE,
    /// Output limit exceeded: stdout wrote more than the output limit (stderr
    /// never decides a verdict).
    OLE,
    /// Internal error: the judge itself failed. Never blamed on the submission.
    IE,
    /// Skipped: the case was not judged because this machine cannot run it
    /// (a CUDA program without a usable NVIDIA GPU). Never counted as AC.
    SK,
}

impl Verdict {
    /// The code as printed in reports (`"AC"`, `"TLE"`, ...).
    pub fn code(self) -> &'static str {
        match self {
            Verdict::AC => "AC",
            Verdict::WA => "WA",
            Verdict::TLE => "TLE",
            Verdict::MLE => "MLE",
            Verdict::RE => "RE",
            Verdict::CE => "CE",
            Verdict::OLE => "OLE",
            Verdict::IE => "IE",
            Verdict::SK => "SK",
        }
    }

    /// A short human description (`"Time Limit Exceeded"`).
    pub fn describe(self) -> &'static str {
        match self {
            Verdict::AC => "Accepted",
            Verdict::WA => "Wrong Answer",
            Verdict::TLE => "Time Limit Exceeded",
            Verdict::MLE => "Memory Limit Exceeded",
            Verdict::RE => "Runtime Error",
            Verdict::CE => "Compilation Error",
            Verdict::OLE => "Output Limit Exceeded",
            Verdict::IE => "Internal Error",
            Verdict::SK => "Skipped",
        }
    }

    /// Parse a code as written in reports and fixtures (case-insensitive).
    pub fn from_code(s: &str) -> Option<Verdict> {
        Some(match s.to_ascii_uppercase().as_str() {
            "AC" => Verdict::AC,
            "WA" => Verdict::WA,
            "TLE" => Verdict::TLE,
            "MLE" => Verdict::MLE,
            "RE" => Verdict::RE,
            "CE" => Verdict::CE,
            "OLE" => Verdict::OLE,
            "IE" => Verdict::IE,
            "SK" => Verdict::SK,
            _ => return None,
        })
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Why a case got its verdict. Every non-AC verdict carries one.
///
/// Serialised as `{"kind": "...", ...fields}`; the human text is [`Cause::message`].
///
/// Fields that may carry text a solution controls are `Option`s: for a hidden
/// case the engine's redaction (`judge_engine::redact`) sets them to `None`
/// (JSON `null`), and [`Cause::message`] then says what is withheld.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cause {
    /// CPU time (user + sys, ms) went over the time limit (ms); `wall_ms` is
    /// the run's wall time and `wait_ms` how long it waited for a CPU (ms).
    CpuLimit {
        used_ms: u64,
        limit_ms: u64,
        #[serde(default)]
        wall_ms: u64,
        #[serde(default)]
        wait_ms: u64,
    },
    /// Wall-clock time (`used_ms`) went over the wall limit (`limit_ms`) after
    /// discounting `wait_ms`, the time spent waiting for a CPU; `cpu_ms` is the
    /// CPU time used meanwhile. Little CPU and little waiting: a sleeping or
    /// blocked program.
    WallLimit {
        used_ms: u64,
        limit_ms: u64,
        #[serde(default)]
        cpu_ms: u64,
        #[serde(default)]
        wait_ms: u64,
    },
    /// Memory went over the memory limit (KiB); `evidence` says how it was
    /// detected, `exception` names the allocation failure when one was
    /// reported (`MemoryError`, `std::bad_alloc`; `None` when there was none
    /// or, for a hidden case, when its type is not a standard one).
    MemoryLimit {
        peak_kib: u64,
        limit_kib: u64,
        evidence: MemoryEvidence,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        exception: Option<String>,
    },
    /// A stream wrote more bytes than the output limit.
    OutputLimit { stream: String, bytes: u64, limit_bytes: u64 },
    /// Killed by a signal (number and name, e.g. 8 / `SIGFPE`).
    Signal { signal: i32, name: String },
    /// Exited with a non-zero status (a plain exit, not a crash); `None` for a
    /// hidden case (the code is the solution's choice).
    ExitCode { code: Option<i32> },
    /// An uncaught exception in the solution: its type (`None`: a type that is
    /// not one of the language's standard exceptions, in a hidden case) and
    /// message (`None`: withheld, hidden case).
    Exception { exception: Option<String>, message: Option<String> },
    /// The driver's result was missing, garbled or duplicated.
    BadResult { detail: String },
    /// The checker rejected the answer.
    WrongAnswer { detail: String },
    /// A function returned a value of another type than declared: the
    /// declared type at the first difference, the kind found there (`int`,
    /// `float`, `bool`, `str`, `list`, `null`, `object`), and where (`[2][0]`;
    /// `None` for a hidden case).
    WrongType { expected: String, found: String, path: Option<String> },
    /// Compilation failed; `first_error` is the first error line, `log` the (cut) log.
    Compile { first_error: String, log: String },
    /// The problem's checker program failed (IE); `detail` is `None` for a
    /// hidden case (a checker's message may echo the solution's output).
    Checker { detail: Option<String> },
    /// The judge failed (not the submission's fault).
    Internal { detail: String },
    /// The case was not judged: `reason` says why (`no usable NVIDIA GPU:
    /// no /dev/nvidia* device nodes`). The verdict is SK.
    Skipped { reason: String },
}

/// How a memory-limit verdict was detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemoryEvidence {
    /// The memory controller (cgroup) killed a process of the run at the cap.
    OomKill,
    /// An allocation failed under the cap (`MemoryError`, `std::bad_alloc`).
    AllocationFailure,
    /// The measured peak reached the limit and the run did not end cleanly.
    PeakAtLimit,
}

const HIDDEN: &str = "hidden case: --reveal shows it";

impl Cause {
    /// One-line human description, as shown in reports and in the JSON `message`.
    pub fn message(&self) -> String {
        match self {
            Cause::CpuLimit { used_ms, limit_ms, wall_ms, wait_ms } => {
                let mut s = format!("CPU time limit: used {used_ms} ms of {limit_ms} ms");
                if *wait_ms >= BUSY_MS {
                    s.push_str(&format!(" in {wall_ms} ms; waited {wait_ms} ms for a CPU: the machine was busy"));
                }
                s
            }
            Cause::WallLimit { used_ms, limit_ms, cpu_ms, wait_ms } => {
                let mut s = format!("wall time limit: ran {used_ms} ms of {limit_ms} ms; used {cpu_ms} ms CPU");
                if *wait_ms >= BUSY_MS {
                    s.push_str(&format!("; waited {wait_ms} ms for a CPU: the machine was busy"));
                }
                // What is neither running nor waiting to run is sleeping or blocked.
                let idle = used_ms.saturating_sub(*cpu_ms).saturating_sub(*wait_ms);
                if idle > used_ms / 2 {
                    s.push_str(" (sleeping or blocked most of the time)");
                }
                s
            }
            Cause::MemoryLimit { peak_kib, limit_kib, evidence, exception } => {
                let how = match (evidence, exception) {
                    (MemoryEvidence::OomKill, _) => "killed by the memory controller at the cap".to_string(),
                    (MemoryEvidence::AllocationFailure, Some(e)) => format!("allocation failed under the cap: {e}"),
                    (MemoryEvidence::AllocationFailure, None) => "allocation failed under the cap".to_string(),
                    (MemoryEvidence::PeakAtLimit, _) => "peak reached the limit".to_string(),
                };
                format!("memory limit: peak {} MiB of {} MiB ({how})", fmt_mib(*peak_kib), fmt_mib(*limit_kib))
            }
            Cause::OutputLimit { stream, bytes, limit_bytes } => format!(
                "output limit: {stream} wrote more than {} (at least {bytes} bytes before it was cut)",
                fmt_bytes(*limit_bytes)
            ),
            Cause::Signal { signal, name } => format!("killed by signal {signal} ({name})"),
            Cause::ExitCode { code: Some(code) } => format!("exit code {code} (plain exit status, not a crash)"),
            Cause::ExitCode { code: None } => format!("non-zero exit (plain exit status, not a crash; the code: {HIDDEN})"),
            Cause::Exception { exception, message } => {
                let ty = match exception {
                    Some(t) => format!("uncaught exception {t}"),
                    None => "uncaught exception of a type defined by the solution (not a standard one)".to_string(),
                };
                match message {
                    Some(m) if m.is_empty() => ty,
                    Some(m) => format!("{ty}: {m}"),
                    None => format!("{ty} (message: {HIDDEN})"),
                }
            }
            Cause::BadResult { detail } => format!("no valid result: {detail}"),
            Cause::WrongAnswer { detail } => detail.clone(),
            Cause::WrongType { expected, found, path } => match path {
                Some(p) if !p.is_empty() => format!("wrong type: at {p}: expected {expected}, got {found}"),
                Some(_) => format!("wrong type: expected {expected}, got {found}"),
                None => format!("wrong type: expected {expected}, got {found} (where: {HIDDEN})"),
            },
            Cause::Compile { first_error, .. } => format!("compilation failed: {first_error}"),
            Cause::Checker { detail: Some(d) } => format!("internal error: checker failed: {d}"),
            Cause::Checker { detail: None } => format!("internal error: the checker program failed (details: {HIDDEN})"),
            Cause::Internal { detail } => format!("internal error: {detail}"),
            Cause::Skipped { reason } => format!("skipped: {reason}"),
        }
    }
}

/// Waiting for a CPU below this (ms) is not worth a mention.
const BUSY_MS: u64 = 50;

fn fmt_bytes(b: u64) -> String {
    if b >= 1 << 20 && b % (1 << 20) == 0 {
        format!("{} MiB", b >> 20)
    } else if b >= 1 << 10 && b % (1 << 10) == 0 {
        format!("{} KiB", b >> 10)
    } else {
        format!("{b} bytes")
    }
}

fn fmt_mib(kib: u64) -> String {
    let mib = kib as f64 / 1024.0;
    if mib >= 10.0 {
        format!("{mib:.0}")
    } else {
        format!("{mib:.1}")
    }
}

/// The conventional name of a signal number on Linux (`9` → `SIGKILL`).
pub fn signal_name(sig: i32) -> String {
    let name = match sig {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        10 => "SIGUSR1",
        11 => "SIGSEGV",
        12 => "SIGUSR2",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        16 => "SIGSTKFLT",
        17 => "SIGCHLD",
        18 => "SIGCONT",
        19 => "SIGSTOP",
        20 => "SIGTSTP",
        21 => "SIGTTIN",
        22 => "SIGTTOU",
        23 => "SIGURG",
        24 => "SIGXCPU",
        25 => "SIGXFSZ",
        26 => "SIGVTALRM",
        27 => "SIGPROF",
        28 => "SIGWINCH",
        29 => "SIGIO",
        30 => "SIGPWR",
        31 => "SIGSYS",
        _ => return format!("SIG{sig}"),
    };
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for v in [
            Verdict::AC,
            Verdict::WA,
            Verdict::TLE,
            Verdict::MLE,
            Verdict::RE,
            Verdict::CE,
            Verdict::OLE,
            Verdict::IE,
            Verdict::SK,
        ] {
            assert_eq!(Verdict::from_code(v.code()), Some(v));
            assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{}\"", v.code()));
        }
    }

    #[test]
    fn signal_names() {
        assert_eq!(signal_name(8), "SIGFPE");
        assert_eq!(signal_name(11), "SIGSEGV");
        assert_eq!(signal_name(64), "SIG64");
    }
}
