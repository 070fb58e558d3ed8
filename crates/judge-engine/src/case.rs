//! One case: run, gather evidence, classify.

use crate::rundir::RunDir;
use judge_check::{check_text, compare_values, FloatTolerance, OutputChecker, ProgramChecker, TextChecker};
use judge_core::report::CaseDetails;
use judge_core::{classify, CaseReport, Cause, Evidence, Limits, SandboxReport, Signature, Verdict};
use judge_core::classify::ended_cleanly;
use judge_lang::Plan;
use judge_registry::Case;
use judge_sandbox::{Outcome, RunSpec, Sandbox, StdinSource};

/// How answers are checked.
pub enum Checker {
    Typed(FloatTolerance),
    Text(TextChecker),
    /// A `json` checker program (function problems).
    Program(Box<ProgramChecker>),
    /// A Kattis or testlib checker program (stdio problems).
    Output(Box<OutputChecker>),
    /// Any clean run is accepted (a custom input without a reference answer).
    Accept,
}

#[derive(Clone)]
pub struct CaseContext<'a> {
    pub sandbox: &'a Sandbox,
    pub dir: &'a RunDir,
    pub plan: &'a Plan,
    pub lang: &'a str,
    pub limits: &'a Limits,
    pub signature: Option<&'a Signature>,
    pub checker: &'a Checker,
    pub reveal: bool,
    /// Number of sample cases (hidden cases are numbered after them).
    pub samples: usize,
    /// Paths hidden from the program.
    pub hidden: &'a [std::path::PathBuf],
    /// The sandbox uid (work directories must belong to it).
    pub uid: Option<u32>,
    /// The driver directory (its path in tracebacks is replaced by the user's file).
    pub driver_dir: &'a std::path::Path,
    /// The submission's path as the user gave it.
    pub user_file: &'a std::path::Path,
    /// Stops the run at once.
    pub cancel: &'a judge_sandbox::CancelToken,
    /// Details (actual value, stdout, ...) even for an accepted case (`--input`).
    pub always_details: bool,
}

/// What running one case gave.
pub struct CaseRun {
    /// The case's report (redacted for a hidden case).
    pub report: CaseReport,
    /// The layers in force (`None` when the sandbox failed).
    pub layers: Option<SandboxReport>,
    /// The run was cancelled: no verdict.
    pub cancelled: bool,
    /// The value the function returned, decoded.
    pub value: Option<judge_core::Value>,
    /// The captured stdout.
    pub stdout: Vec<u8>,
}

impl CaseRun {
    pub fn failed(report: CaseReport) -> CaseRun {
        CaseRun { report, layers: None, cancelled: false, value: None, stdout: Vec::new() }
    }
}

/// The user's file in place of the driver's copy of it, in tracebacks and
/// messages (`/tmp/judge-X/driver/solution.py` → `two_sum.py`).
fn user_paths(ctx: &CaseContext<'_>, text: String) -> String {
    let user = ctx.user_file.display().to_string();
    let mut out = text;
    for name in ["solution.py", "solution.cpp", "solution.c"] {
        out = out.replace(&ctx.driver_dir.join(name).display().to_string(), &user);
    }
    out
}

const SHOWN_BYTES: usize = 4096;

pub fn internal_case(ctx: &CaseContext<'_>, case: &Case, index: usize, detail: String) -> CaseReport {
    CaseReport::not_run(display_id(ctx, case, index), case.hidden, Verdict::IE, Cause::Internal { detail })
}

pub fn run_case(ctx: &CaseContext<'_>, case: &Case, index: usize) -> CaseRun {
    let input_path = ctx.dir.private_file(&format!("case-{index}.in"));
    if let Err(e) = std::fs::write(&input_path, &case.input) {
        return CaseRun::failed(internal_case(ctx, case, index, format!("cannot write the case input: {e}")));
    }
    let workdir = match ctx.dir.fresh_workdir(&index.to_string()) {
        Ok(w) => w,
        Err(e) => return CaseRun::failed(internal_case(ctx, case, index, format!("cannot create a work directory: {e}"))),
    };
    // A `--jobs` worker runs under its own uid.
    if let Some(uid) = ctx.uid {
        if let Err(e) = std::os::unix::fs::chown(&workdir, Some(uid), Some(uid)) {
            return CaseRun::failed(internal_case(ctx, case, index, format!("cannot create a work directory: {e}")));
        }
    }
    let l = ctx.limits;
    let mut spec = RunSpec::new(&ctx.plan.run_program, ctx.plan.run_argv.clone(), &workdir);
    spec.env = crate::base_env(&workdir);
    spec.stdin = StdinSource::File(input_path.clone());
    spec.cpu_ms = l.time_ms;
    spec.wall_ms = l.wall_ms;
    spec.memory_kib = Some(l.memory_kib);
    spec.output_bytes = l.output_bytes;
    spec.capture_bytes = if ctx.signature.is_some() { 64 << 10 } else { l.output_bytes.min(256 << 20) as usize };
    spec.file_size_bytes = l.file_size_bytes;
    spec.open_files = l.open_files;
    spec.processes = l.processes;
    // The language's sandbox profile: a CUDA program gets the GPU's device
    // nodes, more threads, and no RLIMIT_AS (the cgroup alone limits memory).
    let profile = ctx.plan.profile;
    spec.processes = spec.processes.max(profile.min_processes);
    spec.no_address_space_limit = !profile.address_space_limit;
    if profile.gpu {
        spec.devices = judge_sandbox::linux::gpu::device_nodes();
    }
    spec.result_channel = ctx.plan.result_channel;
    // The judge reads no more of the result than a right answer could need.
    spec.channel_bytes = judge_lang::channel::channel_cap(case.answer.len());
    if ctx.always_details {
        // A custom input has no answer to size the result by.
        spec.channel_bytes = spec.channel_bytes.max(16 << 20);
    }
    spec.reachable = ctx.plan.reachable.clone();
    spec.readable = vec![ctx.dir.driver.clone()];
    spec.hidden = ctx.hidden.to_vec();
    spec.private_workdir = true;
    let outcome = ctx.sandbox.run_cancellable(&spec, Some(ctx.cancel));
    let _ = std::fs::remove_file(&input_path);
    let _ = std::fs::remove_dir_all(&workdir);
    match outcome {
        Ok(o) => judge_outcome(ctx, case, index, o, None),
        Err(e) => sandbox_failed(ctx, case, index, e),
    }
}

/// The case's run when the sandbox failed or the run was cancelled.
pub fn sandbox_failed(ctx: &CaseContext<'_>, case: &Case, index: usize, e: judge_sandbox::SandboxError) -> CaseRun {
    if let judge_sandbox::SandboxError::Cancelled = e {
        let mut run = CaseRun::failed(internal_case(ctx, case, index, "cancelled".into()));
        run.cancelled = true;
        return run;
    }
    CaseRun::failed(internal_case(ctx, case, index, e.to_string()))
}

/// Gather the evidence of a case's outcome, classify it and build its
/// (redacted) report. `violation` is a batch-protocol violation
/// ([`judge_sandbox::Violation`]): the case is RE with its fixed text.
pub fn judge_outcome(ctx: &CaseContext<'_>, case: &Case, index: usize, outcome: Outcome, violation: Option<judge_sandbox::Violation>) -> CaseRun {
    let (evidence, actual_shown, traceback, value) = match violation {
        Some(v) => {
            // A result channel with more than one line (or a garbled one) says
            // so, as for a process per case; else the violation's own text.
            let why = match (v, ctx.signature) {
                // Nothing before the bad frame (a forged frame written before
                // any result): the violation's own text, not "no result".
                (judge_sandbox::Violation::BadDone, Some(sig)) if !outcome.channel.data.is_empty() => {
                    judge_lang::channel::parse(&outcome.channel.data, false, &sig.returns).err().map(|e| e.describe())
                }
                _ => None,
            };
            (Evidence::BadResult(why.unwrap_or(v.describe()).to_string()), None, None, None)
        }
        None => evidence(ctx, case, &outcome),
    };
    let m = &outcome.measurement;
    let c = classify(m, ctx.limits, &evidence);
    let show = !case.hidden || ctx.reveal;
    let stdio_wa = ctx.signature.is_none() && c.verdict == Verdict::WA;
    // The one redaction point: nothing a solution controls about a hidden
    // case leaves the engine except in the closed vocabulary of `redact`.
    let cause = if show { c.cause } else { c.cause.map(|cause| crate::redact::hidden_cause(cause, ctx.lang)) };
    let message = cause.as_ref().map(Cause::message).unwrap_or_default();
    let details = ((c.verdict != Verdict::AC || ctx.always_details) && show).then(|| CaseDetails {
        input: Some(render_input(ctx, case)),
        expected: (!ctx.always_details || !case.answer.is_empty()).then(|| render_expected(ctx, case)),
        actual: actual_shown,
        stdout: (!outcome.stdout.data.is_empty()).then(|| clip_bytes(&outcome.stdout.data, outcome.stdout.total)),
        stderr: (!outcome.stderr.data.is_empty()).then(|| user_paths(ctx, clip_bytes(&outcome.stderr.data, outcome.stderr.total))),
        traceback: traceback.map(|t| user_paths(ctx, t)),
        diff: stdio_wa.then(|| {
            let numeric = matches!(ctx.checker, Checker::Text(TextChecker::Float { .. } | TextChecker::KattisDefault { tol: Some(_), .. }))
                || matches!(case.checker, Some(judge_registry::CheckerSpec::KattisDefault { float_abs: Some(_), .. } | judge_registry::CheckerSpec::KattisDefault { float_rel: Some(_), .. }));
            judge_check::diff::text_diff_marked(&case.answer, &outcome.stdout.data, 3, 40, !numeric).join("\n")
        }),
        hint: if !stdio_wa {
            None
        } else if let Some(h) = judge_check::diff::whitespace_hint(&case.answer, &outcome.stdout.data) {
            Some(h)
        } else if matches!(ctx.checker, Checker::Output(_)) {
            Some("the checker program may accept other answers too: the diff is against the reference answer".into())
        } else {
            None
        },
    });
    let report = CaseReport {
        id: display_id(ctx, case, index),
        hidden: case.hidden,
        verdict: c.verdict,
        cpu_ms: m.cpu_ms,
        wall_ms: m.wall_ms,
        wait_ms: m.wait_ms,
        memory_kib: m.memory_kib,
        kernel_ms: None,
        message,
        cause,
        details,
    };
    CaseRun { report, layers: Some(outcome.layers), cancelled: false, value, stdout: outcome.stdout.data }
}

/// A driver's traceback minus the driver's own frames.
fn user_traceback(tb: &str) -> Option<String> {
    let mut out = String::new();
    let mut skip = false;
    for l in tb.lines() {
        if l.trim_start().starts_with("File ") {
            skip = l.contains("/driver.py\"");
        }
        if !skip {
            out.push_str(l);
            out.push('\n');
        }
    }
    (!out.trim().is_empty()).then_some(out)
}

/// Evidence about the answer, what to show as the actual answer, and the
/// traceback a driver reported.
type Found = (Evidence, Option<String>, Option<String>, Option<judge_core::Value>);

fn evidence(ctx: &CaseContext<'_>, case: &Case, outcome: &Outcome) -> Found {
    let clean = ended_cleanly(&outcome.measurement, ctx.limits);
    match ctx.signature {
        Some(sig) => function_evidence(ctx, sig, case, outcome, clean),
        None => {
            let shown = Some(clip_bytes(&outcome.stdout.data, outcome.stdout.total));
            if clean {
                let verdict = match ctx.checker {
                    Checker::Text(t) => {
                        // A package case may carry its own group's validator flags.
                        let t = case.checker.as_ref().and_then(crate::text_checker).unwrap_or(*t);
                        match check_text(t, &case.answer, &outcome.stdout.data) {
                            Ok(()) => Evidence::Accepted,
                            Err(d) => Evidence::Rejected(d),
                        }
                    }
                    Checker::Output(oc) => match ctx.dir.fresh_workdir("check") {
                        Ok(wd) => {
                            let args = case.validator_args.as_deref();
                            let ev = oc.check(ctx.sandbox, &wd, ctx.uid, &case.input, &case.answer, &outcome.stdout.data, args);
                            let _ = std::fs::remove_dir_all(&wd);
                            ev
                        }
                        Err(e) => Evidence::CheckerFailed(format!("cannot create the checker's work directory: {e}")),
                    },
                    Checker::Accept => Evidence::Accepted,
                    _ => Evidence::CheckerFailed("this checker does not apply to stdio problems".into()),
                };
                return (verdict, shown, None, None);
            }
            let stderr = outcome.stderr.text();
            let ev = match judge_lang::runtime_exception(ctx.lang, &stderr) {
                Some((ty, _, true)) => Evidence::AllocationFailed(ty),
                Some((exception, message, false)) => Evidence::Exception { exception, message, memory: false },
                None => Evidence::Unchecked,
            };
            (ev, shown, None, None)
        }
    }
}

fn function_evidence(
    ctx: &CaseContext<'_>,
    sig: &Signature,
    case: &Case,
    outcome: &Outcome,
    clean: bool,
) -> Found {
    use judge_lang::channel::{self, ChannelError, DriverReport};
    let report = match channel::parse(&outcome.channel.data, outcome.channel.truncated(), &sig.returns) {
        Ok(r) => r,
        Err(ChannelError::Missing) => {
            let how = match outcome.measurement.termination {
                judge_core::Termination::Exited(c) => format!("exited with code {c}"),
                judge_core::Termination::Signaled(s) => format!("was killed by {}", judge_core::verdict::signal_name(s)),
            };
            return (
                Evidence::BadResult(format!("the program {how} before the function returned (no result was reported)")),
                None,
                None,
                None,
            );
        }
        Err(e) => return (Evidence::BadResult(e.describe().to_string()), None, None, None),
    };
    let actual = match report {
        DriverReport::Raised { exception, message, memory, traceback } => {
            let tb = traceback.as_deref().and_then(user_traceback);
            return (Evidence::Exception { exception, message, memory }, None, tb, None);
        }
        DriverReport::Returned(Err(e)) => {
            let shown = clip_str(&e.found, SHOWN_BYTES);
            return (Evidence::WrongType { expected: e.expected, found: e.found, path: e.path }, Some(shown), None, None);
        }
        DriverReport::Returned(Ok(v)) => v,
    };
    let shown = Some(actual.render_clipped(SHOWN_BYTES));
    if !clean {
        return (Evidence::Unchecked, shown, None, Some(actual));
    }
    if matches!(ctx.checker, Checker::Accept) {
        return (Evidence::Accepted, shown, None, Some(actual));
    }
    let Some(expected) = case.expected.as_ref() else {
        return (Evidence::CheckerFailed("the case has no decoded expected value".into()), shown, None, Some(actual));
    };
    let ev = match ctx.checker {
        Checker::Typed(tol) => match compare_values(expected, &actual, *tol) {
            Ok(()) => Evidence::Accepted,
            Err(d) => Evidence::Rejected(d),
        },
        // The expected value is right by definition, so an identical answer
        // needs no checker run.
        Checker::Program(_) if compare_values(expected, &actual, FloatTolerance { abs: 0.0, rel: 0.0 }).is_ok() => {
            Evidence::Accepted
        }
        Checker::Program(p) => {
            let args = ctx.signature.and_then(|sig| case.arguments(sig)).unwrap_or_default();
            p.check(ctx.sandbox, &case.id, &args, expected, &actual)
        }
        Checker::Text(_) | Checker::Output(_) => {
            Evidence::CheckerFailed("a stdio checker does not apply to function problems".into())
        }
        Checker::Accept => Evidence::Accepted,
    };
    (ev, shown, None, Some(actual))
}

/// A hidden case is shown by its number only (`hidden/3`), unless revealed:
/// its file name may describe its data.
pub fn display_id(ctx: &CaseContext<'_>, case: &Case, index: usize) -> String {
    if case.hidden && !ctx.reveal {
        format!("hidden/{}", index + 1 - ctx.samples)
    } else {
        case.id.clone()
    }
}

fn render_input(ctx: &CaseContext<'_>, case: &Case) -> String {
    match (ctx.signature, ctx.signature.and_then(|sig| case.arguments(sig))) {
        (Some(sig), Some(args)) => sig
            .params
            .iter()
            .zip(args.iter())
            .map(|((n, _), v)| format!("{n} = {}", v.render_clipped(300)))
            .collect::<Vec<_>>()
            .join(", "),
        _ => clip_bytes(&case.input, case.input.len() as u64),
    }
}

fn render_expected(ctx: &CaseContext<'_>, case: &Case) -> String {
    match (ctx.signature, &case.expected) {
        (Some(_), Some(v)) => v.render_clipped(SHOWN_BYTES),
        _ => clip_bytes(&case.answer, case.answer.len() as u64),
    }
}

fn clip_str(s: &str, max: usize) -> String {
    let head = judge_core::value::prefix_at_char_boundary(s, max);
    if head.len() == s.len() {
        s.to_string()
    } else {
        format!("{head}… [{} more bytes]", s.len() - head.len())
    }
}

fn clip_bytes(b: &[u8], total: u64) -> String {
    let keep = &b[..b.len().min(SHOWN_BYTES)];
    let mut s = String::from_utf8_lossy(keep).into_owned();
    if total > keep.len() as u64 {
        s.push_str(&format!("… [{} more bytes]", total - keep.len() as u64));
    }
    s
}
