//! The event stream of a judging: what the engine emits as it goes and every
//! reporter (human, JSON, JSON Lines, JUnit, a watch screen) consumes.
//!
//! Events are owned and `Send` (a reporter may live on another thread), and
//! carry their time. Serialised (JSON Lines, `judge run --format jsonl`) as
//! `{"event": "case_finished", "at_unix_ms": …, "elapsed_ms": …, …fields}`.
//! Hidden cases appear with the ids and causes the report gives them: the
//! engine redacts before it emits.

use crate::report::{CaseReport, Report, Toolchain};
use crate::verdict::Cause;
use serde::{Deserialize, Serialize};

/// One event and when it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Wall-clock time, ms since the Unix epoch.
    pub at_unix_ms: u64,
    /// Time since the judging started (its `run_started`), ms.
    pub elapsed_ms: u64,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum EventKind {
    /// A judging starts: problem, language, the submission's path, and how
    /// many cases will run (after `--samples`/`--case` selection).
    RunStarted { problem: String, language: String, file: String, cases: usize },
    /// The toolchain is resolved; compilation (or Python's syntax check) starts.
    BuildStarted { toolchain: Toolchain },
    /// The build ended: `cause` is the CE or IE when it failed; `compile_ms`
    /// is its wall time; `cached` when a cached artifact was used.
    BuildFinished { ok: bool, cached: bool, compile_ms: u64, cause: Option<Cause> },
    /// A case is about to run (`index` counts the cases run so far, from 0, of `total`).
    CaseStarted { id: String, index: usize, total: usize },
    /// A case finished.
    CaseFinished { case: Box<CaseReport>, index: usize, total: usize },
    /// A case was not run (`--fail-fast` after a failure, or cancellation).
    CaseSkipped { id: String, reason: String },
    /// The judging was cancelled (a newer save, a key, a signal): no verdict.
    RunCancelled,
    /// The judging finished; the complete report.
    RunFinished { report: Box<Report> },
}

/// A consumer of events: a reporter. Called in order, on the thread that judges.
pub trait Reporter {
    /// Handle one event.
    fn event(&mut self, ev: &Event);
}

impl<F: FnMut(&Event)> Reporter for F {
    fn event(&mut self, ev: &Event) {
        self(ev)
    }
}

/// Sends each event to several reporters, in order (one stream, many formats).
pub struct FanOut<'a>(pub Vec<&'a mut dyn Reporter>);

impl Reporter for FanOut<'_> {
    fn event(&mut self, ev: &Event) {
        for r in self.0.iter_mut() {
            r.event(ev);
        }
    }
}

/// Stamps events with their time relative to a start.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    start: std::time::Instant,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::start()
    }
}

impl Clock {
    /// A clock starting now.
    pub fn start() -> Clock {
        Clock { start: std::time::Instant::now() }
    }

    /// `kind` stamped with the current time.
    pub fn stamp(&self, kind: EventKind) -> Event {
        Event { at_unix_ms: Clock::unix_ms(), elapsed_ms: self.elapsed_ms(), kind }
    }

    /// Wall-clock time now, ms since the Unix epoch (0 before 1970).
    pub fn unix_ms() -> u64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
    }

    /// Time since the clock started, ms.
    pub fn elapsed_ms(&self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send<T: Send>() {}

    #[test]
    fn events_are_send_and_serialise_flat() {
        assert_send::<Event>();
        let ev = Clock::start().stamp(EventKind::CaseSkipped { id: "hidden/2".into(), reason: "fail-fast".into() });
        let j = serde_json::to_value(&ev).unwrap();
        assert_eq!(j["event"], "case_skipped");
        assert_eq!(j["id"], "hidden/2");
        assert!(j["at_unix_ms"].as_u64().unwrap() > 0);
        let mut seen = Vec::new();
        let mut a = |e: &Event| seen.push(e.kind.clone());
        let mut count = 0;
        let mut b = |_: &Event| count += 1;
        FanOut(vec![&mut a, &mut b]).event(&ev);
        assert_eq!(count, 1);
        assert_eq!(seen.len(), 1);
    }
}
