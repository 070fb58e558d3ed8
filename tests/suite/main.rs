//! judge's integration suite: one test binary (as cargo-nextest does it),
//! driving the real `judge` binary.
//!
//! - `verdicts`: a typed fixture table — each wrong solution and the verdict
//!   and cause it must get, each reference and its AC;
//! - `shared_cases`: the distilled bug reports of other judges, with their
//!   post-conditions (no leftover process, peak memory, report contents);
//! - `cli`: exit codes, problem detection, `new`/`list`/`show`, the JSON schema.
//!
//! Limits in fixtures are generous; no test compares absolute speeds.

mod batch;
mod cache;
mod checkers;
mod cuda;
mod cuda_kernel;
mod cli;
mod engine;
mod grade;
mod degrade;
mod hostile;
mod integrity;
mod packages;
mod shared_cases;
mod support;
mod verdicts;
mod verify_problems;
mod watch;
