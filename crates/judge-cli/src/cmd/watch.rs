//! `judge watch FILE`: judge a file now and again on every save.
//!
//! Three threads and three channels, selected over by the main loop
//! (crossbeam-channel; no async runtime):
//! - file events: `notify` + `notify-debouncer-full` on the solution's
//!   folder (not the file: an editor that saves by writing a temporary file
//!   and renaming it replaces the inode), filtered on the file's name, and on
//!   the problem's folder when it comes from a directory registry (a change
//!   there reloads the problem). Access and metadata-only events are ignored;
//!   a burst of events within [`DEBOUNCE`] is one save. `--poll MS` polls
//!   instead (file systems without events);
//! - keys: stdin in raw mode (no echo, no line buffering, Ctrl-C as a key),
//!   restored on every way out ([`restore_terminal`]: normal exit, panic,
//!   SIGINT/SIGTERM/SIGHUP through main's signal thread);
//! - the worker: owns the plan and the engine, judges one job at a time
//!   ([`Engine::judge_with`](judge_engine::Engine::judge_with)), sends every
//!   event back. A new save cancels the job in progress (its
//!   [`CancelToken`]: the sandboxed run's whole process tree dies at once)
//!   and queues the next; queued jobs that were overtaken are skipped.
//!
//! On a terminal (human format) the screen is redrawn per event: a status
//! line, the keys, then the report as `judge run` prints it; the previous
//! report stays until the new run has a first result (a case verdict or a
//! compile error). Otherwise (piped, or `--format json|jsonl`): the reports
//! follow each other, human ones after a line `── run N · HH:MM:SS · why ──`.

use crate::args::{FormatArg, JudgeArgs};
use crate::error::{internal, usage, CmdResult};
use crate::output::stdout;
use crate::plan::{self, RunPlan};
use anyhow::anyhow;
use crossbeam_channel::{select, unbounded, Receiver, Sender};
use judge_core::{CaseReport, Event, EventKind, ExitCode, Report, Reporter, Toolchain, Verdict};
use judge_engine::{CancelToken, EngineError, Prepared, Selection};
use judge_report::{terminal_safe, HumanReporter, JsonLinesReporter, JsonReporter};
use notify_debouncer_full::notify::event::{MetadataKind, ModifyKind};
use notify_debouncer_full::notify::{self, EventKind as FsKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, RecommendedCache};
use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Events on one path closer together than this are one save.
pub const DEBOUNCE: Duration = Duration::from_millis(50);
/// How long `q` waits for the run in progress to wind down before ending
/// every sandboxed run by force.
const QUIT_GRACE: Duration = Duration::from_secs(5);

/// Which cases a job runs.
#[derive(Clone, Debug, PartialEq)]
enum Mode {
    /// Every case (`a`).
    All,
    /// The sample cases (`s`, `--samples`).
    Samples,
    /// These cases only (`f`: the failing ones; `--case`).
    Only(Vec<String>),
}

/// One judging asked of the worker.
struct Job {
    run: u64,
    /// Why (`start`, `saved`, `problem changed`, `r`…), for the separator.
    cause: String,
    /// Reload the problem from its directory first.
    reload: bool,
    reveal: bool,
    mode: Mode,
    cancel: CancelToken,
}

enum Cmd {
    Judge(Job),
    Quit,
}

/// What the worker sends back, in order.
enum Msg {
    /// A job starts: its cause and the width of the case-id column.
    Begin { run: u64, cause: String, id_width: usize, problem: String },
    /// An engine event of that job.
    Event(u64, Box<Event>),
    /// The job could not judge (unreadable file, a configuration error).
    Error(u64, String),
}

/// The terminal's settings before raw mode, restored on the way out.
static SAVED_TERMIOS: Mutex<Option<libc::termios>> = Mutex::new(None);

/// Put the terminal on stdin back as it was before `judge watch` (no-op when
/// raw mode was never entered). Called on every way out, including main's
/// signal thread and the panic hook; safe to call more than once.
pub fn restore_terminal() {
    let saved = match SAVED_TERMIOS.lock() {
        Ok(mut g) => g.take(),
        Err(p) => p.into_inner().take(),
    };
    if let Some(t) = saved {
        // SAFETY: plain FFI on fd 0 with a termios read by tcgetattr.
        unsafe {
            libc::tcsetattr(0, libc::TCSANOW, &t);
        }
    }
}

/// Raw-ish mode on stdin: no canonical line editing, no echo, and signal
/// keys delivered as bytes (Ctrl-C is a key, handled as `q`). Output
/// processing stays on (`\n` still returns the carriage).
fn enter_raw_mode() -> std::io::Result<()> {
    // SAFETY: tcgetattr/tcsetattr on fd 0 with a zeroed then filled struct.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(0, &mut t) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        let saved = t;
        t.c_lflag &= !(libc::ICANON | libc::ECHO | libc::ISIG | libc::IEXTEN);
        t.c_iflag &= !(libc::IXON | libc::ICRNL);
        t.c_cc[libc::VMIN] = 1;
        t.c_cc[libc::VTIME] = 0;
        if let Ok(mut g) = SAVED_TERMIOS.lock() {
            *g = Some(saved);
        }
        if libc::tcsetattr(0, libc::TCSANOW, &t) != 0 {
            let e = std::io::Error::last_os_error();
            restore_terminal();
            return Err(e);
        }
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    Ok(())
}

/// `judge watch FILE [--poll MS]`.
pub fn watch(args: &JudgeArgs, poll_ms: Option<u64>) -> CmdResult {
    let plan = plan::resolve(args)?;
    let screen = plan.format == FormatArg::Human && std::io::stdout().is_terminal();
    let keys = screen && std::io::stdin().is_terminal();
    let language_name = plan.language_name.clone();
    let file_name = args.file.file_name().map(|n| n.to_os_string()).ok_or_else(|| usage(anyhow!("{}: not a file", args.file.display())))?;
    let parent = match args.file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let problem_dir = match (&plan.problem.dir, args.registry.problems.is_some() || args.package.is_some()) {
        // Absolute: events name absolute paths.
        (Some(d), true) => Some(d.canonicalize().unwrap_or_else(|_| d.clone())),
        _ => None,
    };
    let initial = if !args.cases.is_empty() {
        Mode::Only(args.cases.clone())
    } else if args.samples {
        Mode::Samples
    } else {
        Mode::All
    };

    // File events.
    let (fs_tx, fs_rx) = unbounded::<DebounceEventResult>();
    let _watcher = Watcher::start(poll_ms, fs_tx, &parent, problem_dir.as_deref())?;

    // The worker.
    let (cmd_tx, cmd_rx) = unbounded::<Cmd>();
    let (msg_tx, msg_rx) = unbounded::<Msg>();
    let worker_args = args.clone();
    let worker = std::thread::Builder::new()
        .name("judge".into())
        .spawn(move || worker(plan, worker_args, cmd_rx, msg_tx))
        .map_err(|e| internal(anyhow!("cannot start the judging thread: {e}")))?;

    // Keys.
    let (key_tx, key_rx) = unbounded::<u8>();
    if keys {
        enter_raw_mode().map_err(|e| internal(anyhow!("cannot set the terminal to raw mode: {e}")))?;
        let spawned = std::thread::Builder::new().name("keys".into()).spawn(move || {
            let mut stdin = std::io::stdin().lock();
            let mut buf = [0u8; 64];
            while let Ok(n) = stdin.read(&mut buf) {
                if n == 0 {
                    break;
                }
                for &b in &buf[..n] {
                    if key_tx.send(b).is_err() {
                        return;
                    }
                }
            }
        });
        if let Err(e) = spawned {
            restore_terminal();
            return Err(internal(anyhow!("cannot start the key thread: {e}")));
        }
    } else {
        drop(key_tx);
    }

    let mut ui = Ui {
        screen,
        file: args.file.display().to_string(),
        language: language_name,
        mode: initial,
        reveal: args.reveal,
        shown: None,
        pending: None,
        piped: None,
        format: args.format,
        note: None,
        width: 24,
    };
    let mut next_run = 1u64;
    let mut current: Option<CancelToken> = None;
    let mut trigger = |ui: &mut Ui, cause: &str, reload: bool| {
        if let Some(t) = current.take() {
            t.cancel();
        }
        let cancel = CancelToken::new();
        current = Some(cancel.clone());
        let job = Job { run: next_run, cause: cause.to_string(), reload, reveal: ui.reveal, mode: ui.mode.clone(), cancel };
        next_run += 1;
        let _ = cmd_tx.send(Cmd::Judge(job));
    };
    trigger(&mut ui, "start", false);
    ui.redraw();

    let mut key_rx = Some(key_rx);
    let never = crossbeam_channel::never::<u8>();
    let mut worker_died = false;
    loop {
        let keys_in = key_rx.as_ref().unwrap_or(&never);
        select! {
            recv(fs_rx) -> batch => {
                let Ok(batch) = batch else { break };
                let (solution, problem) = classify(batch, &file_name, problem_dir.as_deref());
                if problem {
                    trigger(&mut ui, "problem changed", true);
                } else if solution {
                    trigger(&mut ui, "saved", false);
                }
            }
            recv(keys_in) -> key => {
                let Ok(key) = key else { key_rx = None; continue };
                match key {
                    b'q' | b'Q' | 0x03 | 0x04 | 0x1c => break,
                    b'r' => trigger(&mut ui, "r", false),
                    b'a' => {
                        ui.mode = Mode::All;
                        trigger(&mut ui, "a: all cases", false);
                    }
                    b's' => {
                        ui.mode = Mode::Samples;
                        trigger(&mut ui, "s: samples only", false);
                    }
                    b'f' => {
                        let failing = ui.failing();
                        if failing.is_empty() {
                            ui.note = Some("f: no failing case in the last report".into());
                            ui.redraw();
                        } else {
                            ui.mode = Mode::Only(failing);
                            trigger(&mut ui, "f: failing cases", false);
                        }
                    }
                    b'v' => {
                        ui.reveal = !ui.reveal;
                        let cause = if ui.reveal { "v: reveal hidden cases" } else { "v: hide hidden cases" };
                        trigger(&mut ui, cause, false);
                    }
                    _ => {}
                }
            }
            recv(msg_rx) -> msg => {
                match msg {
                    Ok(m) => ui.message(m),
                    // The worker ended (it panicked): nothing more will be judged.
                    Err(_) => {
                        worker_died = true;
                        break;
                    }
                }
            }
        }
    }

    // The way out: cancel the run in progress, let the worker remove its
    // directory, then end whatever is left by force.
    if let Some(t) = current.take() {
        t.cancel();
    }
    let _ = cmd_tx.send(Cmd::Quit);
    let deadline = Instant::now() + QUIT_GRACE;
    while !worker.is_finished() && Instant::now() < deadline {
        // Keep draining so the worker never blocks on a full channel.
        let _ = msg_rx.recv_timeout(Duration::from_millis(20));
    }
    judge_sandbox::cleanup::end_everything();
    restore_terminal();
    if screen {
        let _ = writeln!(stdout());
    }
    let _ = stdout().flush();
    if worker_died {
        return Err(internal(anyhow!("the judging thread ended unexpectedly")));
    }
    Ok(ExitCode::Accepted)
}

/// Whether a debounced batch touches the solution file (by name, in its
/// folder) and whether it touches the problem's folder. Access and
/// metadata-only events (permissions, `touch -a`) count for neither; a new
/// modification time does (that is how the poller reports a write).
fn classify(batch: DebounceEventResult, file_name: &OsString, problem_dir: Option<&Path>) -> (bool, bool) {
    let Ok(events) = batch else {
        // The watcher's own errors (a queue overflow): re-judge to be safe.
        return (true, false);
    };
    let mut solution = false;
    let mut problem = false;
    for ev in events {
        match ev.event.kind {
            // The poller reports a new mtime as `Metadata(WriteTime)`: a write.
            FsKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime)) => {}
            FsKind::Access(_) | FsKind::Modify(ModifyKind::Metadata(_)) | FsKind::Other => continue,
            _ => {}
        }
        for p in &ev.event.paths {
            if let Some(d) = problem_dir {
                if p.starts_with(d) {
                    problem = true;
                }
            }
            if p.file_name() == Some(file_name.as_os_str()) {
                solution = true;
            }
        }
    }
    (solution, problem)
}

/// The file watcher: event-driven, or polling (`--poll MS`).
enum Watcher {
    Events(Debouncer<notify::RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<notify::PollWatcher, NoCache>),
}

impl Watcher {
    fn start(poll_ms: Option<u64>, tx: Sender<DebounceEventResult>, folder: &Path, problem_dir: Option<&Path>) -> Result<Watcher, crate::error::CliError> {
        let handler = move |r: DebounceEventResult| {
            let _ = tx.send(r);
        };
        let watch_err = |path: &Path, e: notify::Error| usage(anyhow!("cannot watch {}: {e} (try --poll 500)", path.display()));
        let mut w = match poll_ms {
            None => Watcher::Events(
                notify_debouncer_full::new_debouncer(DEBOUNCE, None, handler).map_err(|e| internal(anyhow!("cannot start the file watcher: {e}")))?,
            ),
            Some(ms) => {
                let config = notify::Config::default().with_poll_interval(Duration::from_millis(ms)).with_compare_contents(true);
                Watcher::Poll(
                    notify_debouncer_full::new_debouncer_opt::<_, notify::PollWatcher, NoCache>(DEBOUNCE, None, handler, NoCache, config)
                        .map_err(|e| internal(anyhow!("cannot start the file poller: {e}")))?,
                )
            }
        };
        let mut add = |path: &Path, mode: RecursiveMode| match &mut w {
            Watcher::Events(d) => d.watch(path, mode),
            Watcher::Poll(d) => d.watch(path, mode),
        };
        add(folder, RecursiveMode::NonRecursive).map_err(|e| watch_err(folder, e))?;
        if let Some(d) = problem_dir {
            add(d, RecursiveMode::Recursive).map_err(|e| watch_err(d, e))?;
        }
        Ok(w)
    }
}

/// The judging thread: owns the plan (and so the engine), judges one job at
/// a time, and reuses the prepared problem until it is reloaded or the
/// reveal setting changes.
fn worker(mut plan: RunPlan, args: JudgeArgs, rx: Receiver<Cmd>, tx: Sender<Msg>) {
    let mut prepared: Option<(u64, bool, Prepared)> = None;
    let mut generation = 0u64;
    let mut last_failed: Vec<String> = Vec::new();
    let mut quit = false;
    while !quit {
        let Ok(first) = rx.recv() else { return };
        // Only the newest job matters; a reload asked by a skipped one still happens.
        let mut job = match first {
            Cmd::Judge(j) => j,
            Cmd::Quit => return,
        };
        while let Ok(next) = rx.try_recv() {
            match next {
                Cmd::Judge(j) => {
                    let reload = job.reload || j.reload;
                    job = j;
                    job.reload = reload;
                }
                Cmd::Quit => quit = true,
            }
        }
        if quit {
            return;
        }
        let run = job.run;
        if job.reload {
            let old = plan.problem.clone();
            match plan.reload_problem(&args) {
                Ok(()) => {
                    generation += 1;
                    if old.package.is_some() {
                        // The package's time limit was derived once, at start.
                        let mut p = (*plan.problem).clone();
                        p.manifest.limits.time_ms = old.manifest.limits.time_ms;
                        p.manifest.limits.wall_ms = old.manifest.limits.wall_ms;
                        plan.problem = std::sync::Arc::new(p);
                    }
                }
                Err(e) => {
                    let _ = tx.send(Msg::Error(run, format!("{:#}", e.error)));
                    continue;
                }
            }
        }
        if let Err(e) = plan.reread() {
            let _ = tx.send(Msg::Error(run, format!("{:#}", e.error)));
            continue;
        }
        if prepared.as_ref().is_none_or(|(g, r, _)| *g != generation || *r != job.reveal) {
            prepared = None;
            let mut opts = plan.opts.clone();
            opts.reveal = job.reveal;
            match plan.engine.prepare(plan.problem.clone(), &opts) {
                Ok(p) => prepared = Some((generation, job.reveal, p)),
                Err(e) => {
                    let _ = tx.send(Msg::Error(run, e.to_string()));
                    continue;
                }
            }
        }
        let Some((_, _, prep)) = prepared.as_ref() else { continue };
        let problem = &plan.problem;
        // Samples first, then what failed last time, then the rest (hidden).
        let mut first: Vec<String> = problem.cases.iter().filter(|c| !c.hidden).map(|c| c.id.clone()).collect();
        first.extend(last_failed.iter().cloned());
        let selection = Selection {
            samples_only: job.mode == Mode::Samples,
            ids: if let Mode::Only(ids) = &job.mode { ids.clone() } else { Vec::new() },
            first,
            fail_fast: plan.selection.fail_fast,
        };
        let id_width = problem
            .cases
            .iter()
            .map(|c| if c.hidden && !job.reveal { "hidden/".len() + 3 } else { c.id.len() })
            .max()
            .unwrap_or(8);
        let _ = tx.send(Msg::Begin { run, cause: job.cause.clone(), id_width, problem: problem.id().to_string() });
        let mut forward = |ev: &Event| {
            let _ = tx.send(Msg::Event(run, Box::new(ev.clone())));
        };
        match plan.engine.judge_with(prep, &plan.submission, &selection, &job.cancel, &mut forward) {
            Ok(report) => {
                let failed: Vec<String> = report.cases.iter().filter(|c| c.verdict != Verdict::AC).map(|c| c.id.clone()).collect();
                // A run of a few cases only must not forget the others that failed before.
                if job.mode == Mode::All || !failed.is_empty() {
                    last_failed = failed;
                }
            }
            Err(EngineError::Cancelled) => {}
            Err(e) => {
                let _ = tx.send(Msg::Error(run, e.to_string()));
            }
        }
    }
}

/// Where a run is.
#[derive(Clone, Debug)]
enum Phase {
    Starting,
    Compiling,
    Running { done: usize, total: usize },
    Finished,
    Cancelled,
    Failed(String),
}

/// One run as the screen shows it.
struct RunView {
    run: u64,
    cause: String,
    problem: String,
    /// Local wall-clock time the run started (`HH:MM:SS`).
    clock: String,
    started: Instant,
    id_width: usize,
    toolchain: Option<Toolchain>,
    cases: Vec<CaseReport>,
    report: Option<Report>,
    phase: Phase,
    /// Wall time from start to the report, ms.
    took_ms: Option<u64>,
}

impl RunView {
    fn new(run: u64, cause: String, problem: String, id_width: usize) -> RunView {
        RunView {
            run,
            cause,
            problem,
            clock: local_clock(),
            started: Instant::now(),
            id_width,
            toolchain: None,
            cases: Vec::new(),
            report: None,
            phase: Phase::Starting,
            took_ms: None,
        }
    }

    /// Whether it has something to replace the previous report with.
    fn has_result(&self) -> bool {
        !self.cases.is_empty() || self.report.is_some() || matches!(self.phase, Phase::Failed(_))
    }
}

/// The screen (or the piped stream) and the keys' settings.
struct Ui {
    screen: bool,
    file: String,
    language: String,
    format: FormatArg,
    mode: Mode,
    reveal: bool,
    /// The run whose report is on screen.
    shown: Option<RunView>,
    /// A newer run without a result yet.
    pending: Option<RunView>,
    /// Piped: the reporter of the run in progress.
    piped: Option<(u64, Box<dyn Reporter>)>,
    /// A one-off remark under the keys (cleared by the next run).
    note: Option<String>,
    width: usize,
}

impl Ui {
    /// The view of run `run`, on screen or pending.
    fn view_mut(&mut self, run: u64) -> Option<&mut RunView> {
        match (&mut self.pending, &mut self.shown) {
            (Some(p), _) if p.run == run => Some(p),
            (_, Some(s)) if s.run == run => Some(s),
            _ => None,
        }
    }

    /// The failing cases of the report on screen.
    fn failing(&self) -> Vec<String> {
        self.shown
            .as_ref()
            .and_then(|v| v.report.as_ref())
            .map(|r| r.cases.iter().filter(|c| c.verdict != Verdict::AC).map(|c| c.id.clone()).collect())
            .unwrap_or_default()
    }

    fn message(&mut self, m: Msg) {
        if !self.screen {
            return self.piped_message(m);
        }
        match m {
            Msg::Begin { run, cause, id_width, problem } => {
                self.note = None;
                self.pending = Some(RunView::new(run, cause, problem, id_width));
            }
            Msg::Event(run, ev) => {
                let Some(view) = self.view_mut(run) else { return };
                match ev.kind {
                    EventKind::RunStarted { .. } => {}
                    EventKind::BuildStarted { toolchain } => {
                        view.toolchain = Some(toolchain);
                        view.phase = Phase::Compiling;
                    }
                    EventKind::BuildFinished { .. } => {}
                    EventKind::CaseStarted { index, total, .. } => view.phase = Phase::Running { done: index, total },
                    EventKind::CaseFinished { case, index, total } => {
                        view.cases.push(*case);
                        view.phase = Phase::Running { done: index + 1, total };
                    }
                    EventKind::CaseSkipped { .. } => {}
                    EventKind::RunCancelled => view.phase = Phase::Cancelled,
                    EventKind::RunFinished { report } => {
                        view.took_ms = Some(view.started.elapsed().as_millis() as u64);
                        view.report = Some(*report);
                        view.phase = Phase::Finished;
                    }
                }
            }
            Msg::Error(run, text) => {
                if self.view_mut(run).is_none() {
                    // Failed before it began (an unreadable file): a view of its own.
                    let mut v = RunView::new(run, String::new(), self.shown.as_ref().map(|s| s.problem.clone()).unwrap_or_default(), 8);
                    v.phase = Phase::Failed(text);
                    self.pending = Some(v);
                } else if let Some(view) = self.view_mut(run) {
                    view.phase = Phase::Failed(text);
                }
            }
        }
        // A cancelled run without a result never replaces the report on screen.
        if self.pending.as_ref().is_some_and(|p| matches!(p.phase, Phase::Cancelled) && !p.has_result()) {
            self.pending = None;
        }
        if self.pending.as_ref().is_some_and(RunView::has_result) {
            self.shown = self.pending.take();
        }
        self.redraw();
    }

    /// Piped (or JSON): each run's report after a separator line (human).
    fn piped_message(&mut self, m: Msg) {
        match m {
            Msg::Begin { run, cause, id_width, .. } => {
                self.width = id_width;
                let reporter: Box<dyn Reporter> = match self.format {
                    FormatArg::Human => {
                        let line = format!("── run {run} · {} · {} ──", local_clock(), terminal_safe(&cause));
                        let mut out = stdout();
                        let _ = writeln!(out, "\n{line}");
                        let _ = out.flush();
                        Box::new(HumanReporter::new(stdout()).with_id_width(self.width).with_language(&self.language).live(false))
                    }
                    FormatArg::Json => Box::new(JsonReporter::new(stdout())),
                    FormatArg::Jsonl => Box::new(JsonLinesReporter::new(stdout())),
                };
                self.piped = Some((run, reporter));
            }
            Msg::Event(run, ev) => {
                if let Some((r, reporter)) = &mut self.piped {
                    if *r == run {
                        reporter.event(&ev);
                    }
                }
            }
            Msg::Error(run, text) => {
                let text = terminal_safe(&format!("judge: error (run {run}): {text}")).to_string();
                let mut out = stdout();
                match self.format {
                    FormatArg::Human => {
                        let _ = writeln!(out, "{text}");
                    }
                    // Machine formats keep stdout parseable.
                    _ => {
                        let _ = writeln!(std::io::stderr(), "{text}");
                    }
                }
                let _ = out.flush();
            }
        }
    }

    /// Clear the terminal and draw the status line, the keys and the report.
    fn redraw(&mut self) {
        if !self.screen {
            return;
        }
        let mut buf: Vec<u8> = Vec::new();
        let _ = writeln!(buf, "{}", terminal_safe(&self.status_line()));
        let mode = match &self.mode {
            Mode::All => "all cases".to_string(),
            Mode::Samples => "samples only".to_string(),
            Mode::Only(ids) => format!("only {}", ids.join(", ")),
        };
        let keys = format!(
            "r re-judge · a all cases · s samples only · f failing only · v {} · q quit   [{mode}{}]",
            if self.reveal { "hide hidden cases" } else { "reveal hidden cases" },
            if self.reveal { "; revealed" } else { "" }
        );
        let _ = writeln!(buf, "\x1b[2m{}\x1b[0m", terminal_safe(&keys));
        if let Some(n) = &self.note {
            let _ = writeln!(buf, "{}", terminal_safe(n));
        }
        let _ = writeln!(buf);
        if let Some(v) = &self.shown {
            let mut human = HumanReporter::new(&mut buf).with_id_width(v.id_width).with_language(&self.language).live(false);
            if let Some(tc) = &v.toolchain {
                human.header(&v.problem, &self.language, tc);
            }
            if v.report.is_none() {
                for c in &v.cases {
                    human.case(c);
                }
            }
            if let Some(r) = &v.report {
                // Case order, as `judge run` prints them.
                for c in &r.cases {
                    human.case(c);
                }
                human.finish(r);
            }
            drop(human);
            match &v.phase {
                Phase::Running { done, total } if v.report.is_none() && done < total => {
                    let _ = writeln!(buf, "\x1b[2m  running {}/{total}…\x1b[0m", done + 1);
                }
                Phase::Failed(text) => {
                    let _ = writeln!(buf, "{}", terminal_safe(&format!("judge: error: {text}")));
                }
                Phase::Cancelled => {
                    let _ = writeln!(buf, "\x1b[2mcancelled\x1b[0m");
                }
                _ => {}
            }
        }
        // Clearing is not a colour: written past anstream, which strips every
        // escape sequence under NO_COLOR; the report's colours go through it.
        {
            let mut raw = std::io::stdout().lock();
            let _ = raw.write_all(b"\x1b[H\x1b[2J");
            let _ = raw.flush();
        }
        let mut out = stdout();
        let _ = out.write_all(&buf);
        let _ = out.flush();
    }

    /// `judge watch · problem · file · verdict passed/total · 12:01:33 · 420 ms`,
    /// and what the newer run is doing.
    fn status_line(&self) -> String {
        let mut s = String::from("judge watch");
        let problem = self.shown.as_ref().or(self.pending.as_ref()).map(|v| v.problem.clone()).unwrap_or_default();
        if !problem.is_empty() {
            s.push_str(&format!(" · {problem}"));
        }
        s.push_str(&format!(" · {}", self.file));
        if let Some(v) = &self.shown {
            match (&v.report, &v.phase) {
                (Some(r), _) => s.push_str(&format!(" · {} {}/{}", r.verdict.code(), r.passed, r.total)),
                (None, Phase::Running { total, .. }) => {
                    let passed = v.cases.iter().filter(|c| c.verdict == Verdict::AC).count();
                    let failed = v.cases.len() - passed;
                    s.push_str(&format!(" · {passed}/{total} passed{}", if failed > 0 { format!(", {failed} failed") } else { String::new() }));
                }
                (None, Phase::Failed(_)) => s.push_str(" · error"),
                (None, Phase::Cancelled) => s.push_str(" · cancelled"),
                _ => {}
            }
            s.push_str(&format!(" · run {} at {}", v.run, v.clock));
            if let Some(ms) = v.took_ms {
                s.push_str(&format!(" · {ms} ms"));
            }
        }
        let busy = self.pending.as_ref().or(self.shown.as_ref().filter(|v| v.report.is_none()));
        if let Some(p) = busy {
            let doing = match &p.phase {
                Phase::Starting => "starting".to_string(),
                Phase::Compiling => "compiling".to_string(),
                Phase::Running { done, total } => format!("running {}/{total}", (done + 1).min(*total)),
                Phase::Finished | Phase::Cancelled | Phase::Failed(_) => String::new(),
            };
            if !doing.is_empty() {
                let why = if p.cause.is_empty() { String::new() } else { format!(" ({})", p.cause) };
                s.push_str(&format!(" · judging run {}{why}: {doing}…", p.run));
            }
        }
        s
    }
}

/// The local time of day, `HH:MM:SS`.
fn local_clock() -> String {
    // SAFETY: time/localtime_r with stack structs.
    unsafe {
        let now = libc::time(std::ptr::null_mut());
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&now, &mut tm).is_null() {
            return String::from("--:--:--");
        }
        format!("{:02}:{:02}:{:02}", tm.tm_hour, tm.tm_min, tm.tm_sec)
    }
}
