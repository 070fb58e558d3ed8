//! Measure, then classify: the one pure function that turns what was measured
//! about a run (and what its answer's check said) into a verdict and a cause.
//!
//! The order follows go-judge and DMOJ: stdout over the limit first (a flood
//! usually ends in a broken pipe or `SIGXFSZ`, which must not read as RE), then
//! time when the judge killed the run for it, then memory, then crashes, then
//! the answer.

use crate::limits::Limits;
use crate::verdict::{signal_name, Cause, MemoryEvidence, Verdict};
use serde::{Deserialize, Serialize};

/// How the main process of a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "how", content = "value", rename_all = "snake_case")]
pub enum Termination {
    /// Exited with this status code.
    Exited(i32),
    /// Killed by this signal number.
    Signaled(i32),
}

/// What the sandbox measured about one run. Produced by the sandbox from the
/// kernel's accounting (`wait4` rusage, cgroup counters) and a monotonic clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// How the main process ended.
    pub termination: Termination,
    /// CPU time, user + sys, in ms.
    pub cpu_ms: u64,
    /// Wall time in ms from start to the end of the main process.
    pub wall_ms: u64,
    /// Time the run's processes were runnable but waiting for a CPU, ms (the
    /// machine was busy): the cgroup's CPU pressure (`cpu.pressure`, "some")
    /// where the run has one, else the run-queue wait of
    /// `/proc/PID/schedstat` summed over the run's processes. Not charged
    /// against the wall limit (see `Limits::charged_wall_ms`).
    #[serde(default)]
    pub wait_ms: u64,
    /// Peak memory in KiB (cgroup peak of the whole run where available, else
    /// the main process's max RSS).
    pub memory_kib: u64,
    /// The judge killed the run because its CPU time passed the limit.
    pub killed_for_cpu: bool,
    /// The judge killed the run because its wall time passed the limit.
    pub killed_for_wall: bool,
    /// The memory controller killed a process of the run for hitting the cap.
    pub oom_killed: bool,
    /// Bytes written to stdout (counted past any capture cap).
    pub stdout_bytes: u64,
    /// Bytes written to stderr (counted past any capture cap). Information
    /// only: stderr is drained to the end and never decides a verdict.
    pub stderr_bytes: u64,
}

/// What is known about the run's answer, besides the measurement.
#[derive(Debug, Clone, PartialEq)]
pub enum Evidence {
    /// The answer was not checked (the run did not end cleanly, or no check applies).
    Unchecked,
    /// The driver reported an uncaught exception; `memory` is true for an
    /// allocation failure (`MemoryError`, `std::bad_alloc`).
    Exception { exception: String, message: String, memory: bool },
    /// A stdio program's stderr shows an allocation failure under the cap.
    AllocationFailed(String),
    /// The driver's result was missing, garbled or duplicated.
    BadResult(String),
    /// The checker accepted the answer.
    Accepted,
    /// The checker rejected the answer, with a description of the difference.
    Rejected(String),
    /// A function's result has another type than declared: the declared type
    /// at the first difference, the kind found there, and where (`[2][0]`).
    WrongType { expected: String, found: String, path: String },
    /// The checker itself failed: the judge's fault, IE.
    CheckerFailed(String),
}

/// A verdict and, for anything but AC, its cause.
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    /// The verdict.
    pub verdict: Verdict,
    /// Why; `None` only for AC.
    pub cause: Option<Cause>,
}

impl Classification {
    fn new(verdict: Verdict, cause: Cause) -> Self {
        Classification { verdict, cause: Some(cause) }
    }
}

/// True when the run ended cleanly within every limit, so that its answer is
/// worth checking: exit status 0, no kill, stdout within the output limit
/// (stderr is not part of the answer and never counts).
pub fn ended_cleanly(m: &Measurement, limits: &Limits) -> bool {
    m.termination == Termination::Exited(0)
        && !m.killed_for_cpu
        && !m.killed_for_wall
        && !m.oom_killed
        && m.stdout_bytes <= limits.output_bytes
        && m.cpu_ms <= limits.time_ms
        && limits.charged_wall_ms(m.wall_ms, m.wait_ms) <= limits.wall_ms
}

/// Classify one run. Pure: depends only on its arguments.
///
/// Rules, first match wins:
/// 1. stdout over `limits.output_bytes` → OLE (stderr never decides a
///    verdict: it is drained, kept up to the capture size and counted);
/// 2. killed by the judge for CPU time, or `SIGXCPU` → TLE (CPU);
/// 3. killed by the judge for wall time → TLE (wall);
/// 4. OOM kill, an allocation failure reported by the driver or on stderr, or a
///    peak at the limit → MLE;
/// 5. CPU time over the limit although the program finished → TLE (CPU); wall
///    time over the wall limit, less the time spent waiting for a CPU (up to
///    3 × the wall limit), → TLE (wall);
/// 6. fatal signal → RE (signal name), except `SIGPIPE` with a bad result (the
///    judge stopped reading a result over its cap: rule 7 names it);
///    non-zero exit → RE (the exception if the driver reported one, else the
///    exit code);
/// 7. the evidence: exception or bad result → RE, checker failure → IE,
///    rejected or wrong type → WA, accepted → AC; unchecked with a clean exit → IE (the
///    engine must check every clean run).
pub fn classify(m: &Measurement, limits: &Limits, evidence: &Evidence) -> Classification {
    use Classification as C;
    if m.stdout_bytes > limits.output_bytes {
        return C::new(
            Verdict::OLE,
            Cause::OutputLimit { stream: "stdout".into(), bytes: m.stdout_bytes, limit_bytes: limits.output_bytes },
        );
    }
    let cpu = Cause::CpuLimit { used_ms: m.cpu_ms, limit_ms: limits.time_ms, wall_ms: m.wall_ms, wait_ms: m.wait_ms };
    let wall = Cause::WallLimit { used_ms: m.wall_ms, limit_ms: limits.wall_ms, cpu_ms: m.cpu_ms, wait_ms: m.wait_ms };
    if m.killed_for_cpu || m.termination == Termination::Signaled(libc_sigxcpu()) {
        return C::new(Verdict::TLE, cpu);
    }
    if m.killed_for_wall {
        return C::new(Verdict::TLE, wall);
    }
    let memory = if m.oom_killed {
        Some((MemoryEvidence::OomKill, None))
    } else if let Evidence::Exception { exception, memory: true, .. } = evidence {
        Some((MemoryEvidence::AllocationFailure, Some(exception.clone())))
    } else if let Evidence::AllocationFailed(what) = evidence {
        Some((MemoryEvidence::AllocationFailure, Some(what.clone())))
    } else if m.memory_kib >= limits.memory_kib && !matches!(m.termination, Termination::Exited(0)) {
        Some((MemoryEvidence::PeakAtLimit, None))
    } else {
        None
    };
    if let Some((evidence, exception)) = memory {
        return C::new(
            Verdict::MLE,
            Cause::MemoryLimit { peak_kib: m.memory_kib, limit_kib: limits.memory_kib, evidence, exception },
        );
    }
    if m.cpu_ms > limits.time_ms {
        return C::new(Verdict::TLE, cpu);
    }
    if limits.charged_wall_ms(m.wall_ms, m.wait_ms) > limits.wall_ms {
        return C::new(Verdict::TLE, wall);
    }
    match m.termination {
        // Killed by SIGPIPE while writing a result the judge stopped reading
        // (over its cap): the result is the cause, not the signal.
        Termination::Signaled(SIGPIPE) if matches!(evidence, Evidence::BadResult(_)) => {}
        Termination::Signaled(sig) => {
            return C::new(Verdict::RE, Cause::Signal { signal: sig, name: signal_name(sig) })
        }
        Termination::Exited(code) if code != 0 => {
            if let Evidence::Exception { exception, message, .. } = evidence {
                return C::new(
                    Verdict::RE,
                    Cause::Exception { exception: Some(exception.clone()), message: Some(message.clone()) },
                );
            }
            return C::new(Verdict::RE, Cause::ExitCode { code: Some(code) });
        }
        Termination::Exited(_) => {}
    }
    match evidence {
        Evidence::Accepted => Classification { verdict: Verdict::AC, cause: None },
        Evidence::Rejected(detail) => C::new(Verdict::WA, Cause::WrongAnswer { detail: detail.clone() }),
        Evidence::WrongType { expected, found, path } => C::new(
            Verdict::WA,
            Cause::WrongType { expected: expected.clone(), found: found.clone(), path: Some(path.clone()) },
        ),
        Evidence::Exception { exception, message, .. } => C::new(
            Verdict::RE,
            Cause::Exception { exception: Some(exception.clone()), message: Some(message.clone()) },
        ),
        Evidence::BadResult(detail) => C::new(Verdict::RE, Cause::BadResult { detail: detail.clone() }),
        Evidence::CheckerFailed(detail) => C::new(Verdict::IE, Cause::Checker { detail: Some(detail.clone()) }),
        Evidence::AllocationFailed(_) | Evidence::Unchecked => C::new(
            Verdict::IE,
            Cause::Internal { detail: "a clean run was not checked".into() },
        ),
    }
}

const fn libc_sigxcpu() -> i32 {
    24
}

const SIGPIPE: i32 = 13;

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits::from_time_memory(1000, 65536)
    }

    fn clean() -> Measurement {
        Measurement {
            termination: Termination::Exited(0),
            cpu_ms: 10,
            wall_ms: 12,
            wait_ms: 0,
            memory_kib: 9000,
            killed_for_cpu: false,
            killed_for_wall: false,
            oom_killed: false,
            stdout_bytes: 2,
            stderr_bytes: 0,
        }
    }

    fn verdict(m: &Measurement, e: &Evidence) -> Verdict {
        classify(m, &limits(), e).verdict
    }

    #[test]
    fn accepted_and_rejected() {
        assert_eq!(verdict(&clean(), &Evidence::Accepted), Verdict::AC);
        assert!(classify(&clean(), &limits(), &Evidence::Accepted).cause.is_none());
        assert_eq!(verdict(&clean(), &Evidence::Rejected("x".into())), Verdict::WA);
        assert!(ended_cleanly(&clean(), &limits()));
    }

    #[test]
    fn output_flood_is_ole_even_when_it_died_of_sigpipe_or_sigxfsz() {
        for term in [Termination::Signaled(13), Termination::Signaled(25), Termination::Exited(1)] {
            let m = Measurement { termination: term, stdout_bytes: 70 << 20, ..clean() };
            let c = classify(&m, &limits(), &Evidence::Unchecked);
            assert_eq!(c.verdict, Verdict::OLE);
            assert!(matches!(c.cause, Some(Cause::OutputLimit { ref stream, .. }) if stream == "stdout"));
        }
    }

    #[test]
    fn stderr_never_decides_a_verdict() {
        let m = Measurement { stderr_bytes: 4 << 20, ..clean() };
        let l = Limits { output_bytes: 1 << 20, ..limits() };
        assert!(ended_cleanly(&m, &l));
        assert_eq!(classify(&m, &l, &Evidence::Accepted).verdict, Verdict::AC);
    }

    #[test]
    fn time_kills_are_tle_with_the_limit_named() {
        let m = Measurement { termination: Termination::Signaled(9), killed_for_cpu: true, cpu_ms: 1010, ..clean() };
        assert!(matches!(classify(&m, &limits(), &Evidence::Unchecked).cause, Some(Cause::CpuLimit { .. })));
        let m = Measurement { termination: Termination::Signaled(9), killed_for_wall: true, wall_ms: 4000, ..clean() };
        let c = classify(&m, &limits(), &Evidence::Unchecked);
        assert_eq!(c.verdict, Verdict::TLE);
        assert!(matches!(c.cause, Some(Cause::WallLimit { .. })));
        let m = Measurement { termination: Termination::Signaled(24), ..clean() };
        assert_eq!(verdict(&m, &Evidence::Unchecked), Verdict::TLE);
        // Finished, but slower than the limit.
        let m = Measurement { cpu_ms: 1500, ..clean() };
        assert_eq!(verdict(&m, &Evidence::Accepted), Verdict::TLE);
    }

    #[test]
    fn waiting_for_a_cpu_is_not_charged_against_the_wall_limit() {
        let l = limits(); // 1000 ms CPU, 4000 ms wall
        // Finished after 6 s of which 3 s waiting for a CPU: within the limit.
        let m = Measurement { wall_ms: 6000, wait_ms: 3000, cpu_ms: 900, ..clean() };
        assert!(ended_cleanly(&m, &l));
        assert_eq!(verdict(&m, &Evidence::Accepted), Verdict::AC);
        // Without the wait it is a wall-time TLE.
        let m = Measurement { wall_ms: 6000, wait_ms: 0, cpu_ms: 900, ..clean() };
        assert_eq!(verdict(&m, &Evidence::Accepted), Verdict::TLE);
        // The allowance is capped at 3 × the wall limit.
        let m = Measurement { wall_ms: 17_000, wait_ms: 16_000, ..clean() };
        assert_eq!(l.charged_wall_ms(m.wall_ms, m.wait_ms), 5000);
        assert_eq!(verdict(&m, &Evidence::Accepted), Verdict::TLE);
    }

    #[test]
    fn wall_limit_explains_cpu_and_waiting() {
        let busy = Measurement { termination: Termination::Signaled(9), killed_for_wall: true, wall_ms: 3000, cpu_ms: 839, wait_ms: 2100, ..clean() };
        let msg = classify(&busy, &limits(), &Evidence::Unchecked).cause.unwrap().message();
        assert!(msg.contains("used 839 ms CPU") && msg.contains("waited 2100 ms for a CPU: the machine was busy"), "{msg}");
        assert!(!msg.contains("sleeping"), "{msg}");
        let asleep = Measurement { termination: Termination::Signaled(9), killed_for_wall: true, wall_ms: 4000, cpu_ms: 3, ..clean() };
        let msg = classify(&asleep, &limits(), &Evidence::Unchecked).cause.unwrap().message();
        assert!(msg.contains("sleeping or blocked"), "{msg}");
        let running = Measurement { termination: Termination::Signaled(9), killed_for_wall: true, wall_ms: 4000, cpu_ms: 3000, ..clean() };
        let msg = classify(&running, &limits(), &Evidence::Unchecked).cause.unwrap().message();
        assert!(!msg.contains("sleeping"), "{msg}");
        let cpu = Measurement { termination: Termination::Signaled(9), killed_for_cpu: true, wall_ms: 2500, cpu_ms: 1010, wait_ms: 1400, ..clean() };
        let msg = classify(&cpu, &limits(), &Evidence::Unchecked).cause.unwrap().message();
        assert!(msg.starts_with("CPU time limit: used 1010 ms of 1000 ms") && msg.contains("waited 1400 ms for a CPU"), "{msg}");
    }

    #[test]
    fn memory_is_mle_from_any_evidence() {
        let m = Measurement { termination: Termination::Signaled(9), oom_killed: true, ..clean() };
        assert_eq!(verdict(&m, &Evidence::Unchecked), Verdict::MLE);
        let m = Measurement { termination: Termination::Exited(1), ..clean() };
        let e = Evidence::Exception { exception: "MemoryError".into(), message: String::new(), memory: true };
        assert_eq!(verdict(&m, &e), Verdict::MLE);
        let m = Measurement { termination: Termination::Signaled(6), ..clean() };
        assert_eq!(verdict(&m, &Evidence::AllocationFailed("std::bad_alloc".into())), Verdict::MLE);
        let m = Measurement { termination: Termination::Signaled(11), memory_kib: 65536, ..clean() };
        assert_eq!(verdict(&m, &Evidence::Unchecked), Verdict::MLE);
    }

    #[test]
    fn crashes_name_their_cause() {
        let m = Measurement { termination: Termination::Signaled(8), ..clean() };
        let c = classify(&m, &limits(), &Evidence::Unchecked);
        assert_eq!(c.verdict, Verdict::RE);
        assert!(c.cause.unwrap().message().contains("SIGFPE"));
        let m = Measurement { termination: Termination::Exited(10), ..clean() };
        let c = classify(&m, &limits(), &Evidence::Unchecked);
        assert!(c.cause.unwrap().message().contains("exit code 10"));
        let e = Evidence::Exception { exception: "ValueError".into(), message: "bad".into(), memory: false };
        let c = classify(&clean(), &limits(), &e);
        assert_eq!(c.verdict, Verdict::RE);
        assert!(c.cause.unwrap().message().contains("ValueError: bad"));
        assert_eq!(verdict(&clean(), &Evidence::BadResult("missing".into())), Verdict::RE);
    }

    #[test]
    fn judge_failures_are_ie() {
        assert_eq!(verdict(&clean(), &Evidence::CheckerFailed("exit 3".into())), Verdict::IE);
        assert_eq!(verdict(&clean(), &Evidence::Unchecked), Verdict::IE);
    }
}
