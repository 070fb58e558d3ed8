//! Function problems judged by one sandboxed process running cases in
//! sequence (the drivers' batch mode, `docs/drivers.md`; the design and
//! what each figure means are in `docs/design.md`, "Per-case cost").
//!
//! - A process that has read a hidden input never runs a case whose output
//!   is shown (the samples; every case with `--reveal`). In the usual order,
//!   samples first, one process runs them all: the shown cases, then the
//!   hidden ones. When a shown case comes after a hidden one (`judge watch`
//!   runs the case that failed last time first), it gets a fresh process.
//! - After a crash, a limit kill (TLE, MLE, OLE) or a protocol violation the
//!   process is gone, and the next case starts a fresh one.
//! - Each case is measured and limited from outside
//!   ([`judge_sandbox::Session`]) and classified by the same pure `classify`
//!   as a case run in its own process.

use crate::case::{self, CaseContext, CaseRun};
use judge_core::SandboxReport;
use judge_registry::Case;
use judge_sandbox::{CaseRequest, RunSpec, Sandbox, Session};
use std::path::PathBuf;

/// Whether this language's driver has a batch mode
/// ([`judge_lang::language::Language::has_batch_mode`]).
pub fn supported(language: &str) -> bool {
    judge_lang::language::language(language).is_ok_and(|l| l.has_batch_mode())
}

/// Most `--jobs` workers.
pub const MAX_JOBS: usize = 64;

/// The sandbox uid of `--jobs` worker `w` (when the judge runs as root): a
/// block of [`MAX_JOBS`] uids per judge process (`JUDGE_SANDBOX_UID` + `w`
/// when set), so that no two workers share a process count.
pub fn worker_uid(w: usize) -> u32 {
    let w = w.min(MAX_JOBS - 1) as u32;
    match std::env::var("JUDGE_SANDBOX_UID").ok().and_then(|v| v.parse::<u32>().ok()) {
        Some(u) if u.checked_add(MAX_JOBS as u32).is_some() => u + w,
        _ => 1_200_000_000 + (std::process::id() % 1_000_000) * MAX_JOBS as u32 + w,
    }
}

/// Runs cases through batch sessions, starting a fresh one when needed.
pub struct Batcher<'a> {
    ctx: &'a CaseContext<'a>,
    sandbox: &'a Sandbox,
    /// The running session, whether it has read a hidden input, its work
    /// directory.
    session: Option<(Session<'a>, bool, PathBuf)>,
    /// Cases left to run (sizes the session's overall backstop limits).
    remaining: usize,
    /// Layers reported by sessions that have ended, not yet merged.
    layers: Vec<SandboxReport>,
}

impl<'a> Batcher<'a> {
    /// A batcher for `cases` cases, running on `sandbox` (the context's, or
    /// a worker's with its own uid).
    pub fn new(ctx: &'a CaseContext<'a>, sandbox: &'a Sandbox, cases: usize) -> Batcher<'a> {
        Batcher { ctx, sandbox, session: None, remaining: cases, layers: Vec::new() }
    }

    /// Layers reported by the sessions that ended since the last call.
    pub fn take_layers(&mut self) -> Vec<SandboxReport> {
        std::mem::take(&mut self.layers)
    }

    fn end_session(&mut self) {
        if let Some((s, _, workdir)) = self.session.take() {
            if let Some(l) = s.finish() {
                self.layers.push(l);
            }
            let _ = std::fs::remove_dir_all(&workdir);
        }
    }

    /// End the running session (the driver exits at the end of its input).
    pub fn finish(&mut self) {
        self.end_session();
    }

    fn start(&mut self) -> Result<(), judge_sandbox::SandboxError> {
        let ctx = self.ctx;
        let workdir = ctx.dir.fresh_workdir("batch").map_err(judge_sandbox::SandboxError::Io)?;
        if let Some(uid) = self.sandbox.uid() {
            std::os::unix::fs::chown(&workdir, Some(uid), Some(uid)).map_err(judge_sandbox::SandboxError::Io)?;
        }
        let l = ctx.limits;
        let mut argv = ctx.plan.run_argv.clone();
        argv.push("--batch".into());
        let mut spec = RunSpec::new(&ctx.plan.run_program, argv, &workdir);
        spec.env = crate::base_env(&workdir);
        // The session's own limits are a backstop; each case's are the judge's.
        let cases = self.remaining as u64 + 1;
        spec.cpu_ms = l.time_ms.saturating_mul(cases);
        spec.wall_ms = l.wall_ms.saturating_add(1000).saturating_mul(cases).saturating_add(30_000);
        spec.memory_kib = Some(l.memory_kib);
        spec.output_bytes = u64::MAX;
        spec.capture_bytes = 64 << 10;
        spec.file_size_bytes = l.file_size_bytes;
        spec.open_files = l.open_files;
        spec.processes = l.processes;
        spec.result_channel = true;
        spec.reachable = ctx.plan.reachable.clone();
        spec.readable = vec![ctx.dir.driver.clone()];
        spec.hidden = ctx.hidden.to_vec();
        spec.private_workdir = true;
        match Session::start(self.sandbox, &spec, Some(ctx.cancel)) {
            Ok(s) => {
                self.session = Some((s, false, workdir));
                Ok(())
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&workdir);
                Err(e)
            }
        }
    }

    /// Run one case: in the current process when it is alive and, for a
    /// shown case, has not read a hidden input; else in a fresh one.
    pub fn run(&mut self, case: &Case, index: usize) -> CaseRun {
        let ctx = self.ctx;
        let shown = !case.hidden || ctx.reveal;
        let mut retried = false;
        loop {
            let reuse = self.session.as_mut().is_some_and(|(s, seen_hidden, _)| !(shown && *seen_hidden) && s.alive());
            if !reuse {
                self.end_session();
                if let Err(e) = self.start() {
                    return case::sandbox_failed(ctx, case, index, e);
                }
            }
            let Some((session, seen_hidden, _)) = self.session.as_mut() else {
                return case::sandbox_failed(ctx, case, index, judge_sandbox::SandboxError::Helper("no batch process".into()));
            };
            let l = ctx.limits;
            let req = CaseRequest {
                input: &case.input,
                cpu_ms: l.time_ms,
                wall_ms: l.wall_ms,
                output_bytes: l.output_bytes,
                channel_bytes: judge_lang::channel::channel_cap(case.answer.len()),
            };
            // From the moment the input is written, the process has read it.
            *seen_hidden |= !shown;
            let got = session.run_case(&req);
            let out = match got {
                Ok(o) => o,
                Err(e) => {
                    self.end_session();
                    return case::sandbox_failed(ctx, case, index, e);
                }
            };
            if out.ended || out.violation.is_some() {
                self.end_session();
            }
            if out.backstop && !retried {
                // The session's overall limits ran out, not the case's: run it
                // again in a fresh process.
                retried = true;
                continue;
            }
            self.remaining = self.remaining.saturating_sub(1);
            return case::judge_outcome(ctx, case, index, out.outcome, out.violation);
        }
    }
}

impl Drop for Batcher<'_> {
    fn drop(&mut self) {
        self.end_session();
    }
}
