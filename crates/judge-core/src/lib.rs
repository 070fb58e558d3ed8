//! Vocabulary of the judge: verdicts and their causes, limits, measured usage,
//! the one pure classification function, typed values for function problems
//! and the stable JSON report schema. No I/O lives here.
//!
//! Dependencies point one way: every other crate of the workspace depends on
//! this one and this one depends on none of them.

pub mod classify;
pub mod event;
pub mod kernel;
pub mod limits;
pub mod report;
pub mod value;
pub mod verdict;

pub use event::{Clock, Event, EventKind, FanOut, Reporter};
pub use classify::{classify, Classification, Evidence, Measurement, Termination};
pub use limits::Limits;
pub use report::{CaseReport, ExitCode, Report, SandboxReport, Toolchain};
pub use value::{Signature, Type, TypeError, Value};
pub use verdict::{Cause, MemoryEvidence, Verdict};
