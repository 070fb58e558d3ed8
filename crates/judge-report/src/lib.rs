//! Reporters: the human report (a line per case, a summary, the first failure
//! with a real diff) and the JSON report (schema in `docs/report-schema.md`).
//!
//! Colours go through `anstream`, which drops them when stdout is not a
//! terminal and when `NO_COLOR` is set.

mod diff;
pub mod grade;
mod terminal;

pub use diff::{diff_lines, pretty_value_lines};
pub use terminal::{is_unsafe, json_safe, terminal_safe};

use anstyle::{AnsiColor, Style};
use judge_core::{CaseReport, Cause, Event, EventKind, Report, Reporter, Verdict};
use std::io::Write;

/// Output formats of `judge run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The human report.
    Human,
    /// One JSON document (schema version [`judge_core::report::SCHEMA_VERSION`]).
    Json,
}

fn verdict_style(v: Verdict) -> Style {
    let color = match v {
        Verdict::AC => AnsiColor::Green,
        Verdict::WA => AnsiColor::Red,
        Verdict::TLE | Verdict::MLE | Verdict::OLE => AnsiColor::Yellow,
        Verdict::RE => AnsiColor::Magenta,
        Verdict::CE => AnsiColor::Cyan,
        Verdict::IE => AnsiColor::BrightRed,
        Verdict::SK => AnsiColor::Blue,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

const DIM: Style = Style::new().dimmed();
const BOLD: Style = Style::new().bold();
const PLAIN: Style = Style::new();

/// Live human output: a header, then a line per case as cases finish, then
/// the summary and the first failure with its diff. Consumes the engine's
/// events ([`Reporter`]).
///
/// Every line goes through one method that writes each piece's text through
/// [`terminal_safe`] and adds only the reporter's own styles: no other path
/// writes to the output, so no text from a solution, a compiler or a package
/// reaches the terminal raw. With [`HumanReporter::live`] (on a terminal) a
/// transient status line shows the compilation and `i/N` progress; it is
/// erased before the next line.
pub struct HumanReporter<W: Write> {
    out: W,
    width: usize,
    language: String,
    problem: String,
    live: bool,
    status_shown: bool,
    jobs: usize,
}

impl<W: Write> HumanReporter<W> {
    /// A reporter writing to `out` (normally `anstream::stdout()`).
    pub fn new(out: W) -> Self {
        HumanReporter { out, width: 24, language: String::new(), problem: String::new(), live: false, status_shown: false, jobs: 1 }
    }

    /// The cases ran on `jobs` parallel workers (`--jobs`): the summary says
    /// that wall times are not comparable with a run on one.
    pub fn with_jobs(mut self, jobs: usize) -> Self {
        self.jobs = jobs.max(1);
        self
    }

    /// Align case lines for ids up to `width` characters.
    pub fn with_id_width(mut self, width: usize) -> Self {
        self.width = width.max(8);
        self
    }

    /// The language's display name for the header (`Python 3`).
    pub fn with_language(mut self, name: &str) -> Self {
        self.language = name.to_string();
        self
    }

    /// Show a transient status line (compiling…, `3/17`): only on a terminal.
    pub fn live(mut self, live: bool) -> Self {
        self.live = live;
        self
    }

    /// Replace the status line (nothing when not live).
    fn status(&mut self, text: &str) {
        if !self.live {
            return;
        }
        let text = terminal_safe(text);
        let _ = write!(self.out, "\r\x1b[K{DIM}{text}{DIM:#}");
        let _ = self.out.flush();
        self.status_shown = true;
    }

    /// Erase the status line before a real line.
    fn clear_status(&mut self) {
        if self.status_shown {
            let _ = write!(self.out, "\r\x1b[K");
            self.status_shown = false;
        }
    }

    /// Write one line made of styled pieces, each sanitised.
    fn line(&mut self, pieces: &[(Style, &str)]) {
        self.clear_status();
        let mut buf = String::new();
        for (style, text) in pieces {
            let text = terminal_safe(text);
            if *style == PLAIN {
                buf.push_str(&text);
            } else {
                buf.push_str(&format!("{style}{text}{style:#}"));
            }
        }
        buf.push('\n');
        let _ = self.out.write_all(buf.as_bytes());
        let _ = self.out.flush();
    }

    /// A plain line.
    fn plain(&mut self, text: &str) {
        self.line(&[(PLAIN, text)]);
    }

    /// The header line: problem, language, toolchain.
    pub fn header(&mut self, problem: &str, language: &str, tc: &judge_core::Toolchain) {
        let rest = format!(" {problem} · {language} · {} {} ", tc.name, tc.version);
        let path = format!("({})", tc.path);
        self.line(&[(BOLD, "judge"), (PLAIN, &rest), (DIM, &path)]);
    }

    fn header_for(&mut self, language: &str, tc: &judge_core::Toolchain) {
        let problem = self.problem.clone();
        self.header(&problem, language, tc);
    }

    /// One finished case.
    pub fn case(&mut self, c: &CaseReport) {
        let vs = verdict_style(c.verdict);
        let kind = if c.hidden { "hidden" } else { "sample" };
        let msg = if c.verdict == Verdict::AC { String::new() } else { format!("  {}", one_line(&c.message, 100)) };
        let id = format!("  {:<w$} ", c.id, w = self.width);
        let kind = format!("{kind:<6}");
        let code = format!(" {:<3}", c.verdict.code());
        let kernel = c.kernel_ms.map(|k| format!("  kernel {k:.3} ms")).unwrap_or_default();
        let figures = format!(" {:>6} ms {:>7.1} MiB{kernel}{msg}", c.cpu_ms, c.memory_kib as f64 / 1024.0);
        self.line(&[(PLAIN, &id), (DIM, &kind), (vs, &code), (PLAIN, &figures)]);
    }

    /// Summary and the first failure's details.
    pub fn finish(&mut self, r: &Report) {
        let vs = verdict_style(r.verdict);
        if let Some(cause) = &r.compile {
            let describe = format!(" {}", r.verdict.describe());
            self.line(&[(vs, r.verdict.code()), (PLAIN, &describe)]);
            self.plain(&cause.message());
            if let Cause::Compile { log, .. } = cause {
                self.line(&[(DIM, "--- compiler output ---")]);
                for l in log.trim_end().lines() {
                    self.plain(l);
                }
            }
            return;
        }
        let total_cpu: u64 = r.cases.iter().map(|c| c.cpu_ms).sum();
        let peak = r.cases.iter().map(|c| c.memory_kib).max().unwrap_or(0);
        let summary = format!(
            " {} · {}/{} passed{} · {} ms CPU in all · peak {:.1} MiB{}",
            r.verdict.describe(),
            r.passed,
            r.total,
            if r.skipped > 0 { format!(" ({} not run: --fail-fast)", r.skipped) } else { String::new() },
            total_cpu,
            peak as f64 / 1024.0,
            match (r.compile_cached, r.compile_ms) {
                (true, _) => " · compiled program from the cache".to_string(),
                (false, Some(ms)) => format!(" · compiled in {ms} ms"),
                (false, None) => String::new(),
            }
        );
        self.line(&[(vs, r.verdict.code()), (PLAIN, &summary)]);
        if self.jobs > 1 && r.cases.len() > 1 {
            let note = format!("cases ran on {} parallel workers (--jobs): wall times are not comparable with --jobs 1; CPU times are per case", self.jobs);
            self.line(&[(DIM, &note)]);
        }
        if !r.sandbox.missing.is_empty() {
            let missing = format!("sandbox: missing {}", r.sandbox.missing.join("; "));
            self.line(&[(DIM, &missing)]);
        }
        let Some(first) = r.cases.iter().find(|c| !matches!(c.verdict, Verdict::AC | Verdict::SK)) else {
            // Nothing failed; skipped cases were not judged (never a pass).
            if let Some(sk) = r.cases.iter().find(|c| c.verdict == Verdict::SK) {
                self.plain("");
                let n = r.cases.iter().filter(|c| c.verdict == Verdict::SK).count();
                self.line(&[(BOLD, &format!("Not judged: {n} of {} cases skipped", r.cases.len()))]);
                self.plain(&format!("  cause:    {}", sk.message));
            }
            return;
        };
        self.plain("");
        let title = format!("First failing case: {} ({})", first.id, first.verdict.code());
        self.line(&[(BOLD, &title)]);
        self.plain(&format!("  cause:    {}", first.message));
        let Some(d) = &first.details else {
            if first.hidden {
                self.line(&[(PLAIN, "  "), (DIM, "(hidden case: run with --reveal to see its data)")]);
            }
            return;
        };
        if let Some(i) = &d.input {
            self.plain(&format!("  input:    {}", one_line(i, 400)));
        }
        let (exp, act) = (d.expected.as_deref(), d.actual.as_deref());
        if let Some(e) = exp {
            self.plain(&format!("  expected: {}", one_line(e, 400)));
        }
        if let Some(a) = act {
            self.plain(&format!("  actual:   {}", one_line(a, 400)));
        }
        if let Some(diff) = &d.diff {
            self.plain("  diff (- expected, + actual; ␍ CR, → tab, · trailing space):");
            for line in diff.lines() {
                self.line(&[(PLAIN, "    "), (diff_style(line), line)]);
            }
        } else if let (Some(e), Some(a)) = (exp, act) {
            if first.verdict == Verdict::WA && (e.len() > 60 || a.len() > 60 || e.contains('\n') || a.contains('\n')) {
                self.plain("  diff (- expected, + actual):");
                for line in diff_lines(&pretty_value_lines(e), &pretty_value_lines(a), 3, 60) {
                    self.line(&[(PLAIN, "    "), (diff_style(&line), &line)]);
                }
            }
        }
        if let Some(h) = &d.hint {
            self.plain(&format!("  hint:     {h}"));
        }
        for (name, text) in [("traceback", &d.traceback), ("stdout", &d.stdout), ("stderr", &d.stderr)] {
            if let Some(t) = text {
                let head = format!("--- {name} ---");
                self.line(&[(PLAIN, "  "), (DIM, &head)]);
                for line in t.lines().take(40) {
                    self.plain(&format!("  {line}"));
                }
            }
        }
    }
}

fn diff_style(line: &str) -> Style {
    match line.chars().next() {
        Some('-') => Style::new().fg_color(Some(AnsiColor::Red.into())),
        Some('+') => Style::new().fg_color(Some(AnsiColor::Green.into())),
        _ => DIM,
    }
}

fn one_line(s: &str, max: usize) -> String {
    if s.is_empty() {
        return "(empty)".into();
    }
    let mut flat = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => flat.push('⏎'),
            '\r' => flat.push('␍'),
            '\t' => flat.push('→'),
            c if c.is_control() => flat.push_str(&format!("\\x{:02x}", c as u32)),
            c => flat.push(c),
        }
    }
    if flat.chars().count() > max {
        format!("{}…", flat.chars().take(max).collect::<String>())
    } else {
        flat
    }
}

impl<W: Write> Reporter for HumanReporter<W> {
    fn event(&mut self, ev: &Event) {
        match &ev.kind {
            EventKind::RunStarted { problem, language, .. } => {
                self.problem = problem.clone();
                if self.language.is_empty() {
                    self.language = language.clone();
                }
            }
            EventKind::BuildStarted { toolchain } => {
                let language = self.language.clone();
                self.header_for(&language, toolchain);
                self.status("  compiling…");
            }
            EventKind::BuildFinished { .. } => self.clear_status(),
            EventKind::CaseStarted { id, index, total } => self.status(&format!("  running {}/{total}: {id}…", index + 1)),
            EventKind::CaseFinished { case, .. } => self.case(case),
            EventKind::CaseSkipped { .. } => {}
            EventKind::RunCancelled => {
                self.clear_status();
                self.line(&[(DIM, "cancelled")]);
            }
            EventKind::RunFinished { report } => self.finish(report),
        }
    }
}

/// Prints the JSON report (one document) when the judging finishes.
pub struct JsonReporter<W: Write> {
    out: W,
}

impl<W: Write> JsonReporter<W> {
    /// A reporter writing to `out`.
    pub fn new(out: W) -> Self {
        JsonReporter { out }
    }
}

impl<W: Write> Reporter for JsonReporter<W> {
    fn event(&mut self, ev: &Event) {
        if let EventKind::RunFinished { report } = &ev.kind {
            let _ = writeln!(self.out, "{}", json(report));
            let _ = self.out.flush();
        }
    }
}

/// JSON Lines: one event per line as it happens (`{"event": "case_finished",
/// "at_unix_ms": …, "elapsed_ms": …, …}`, see `judge_core::event`), for
/// editors and tools that follow a judging live.
pub struct JsonLinesReporter<W: Write> {
    out: W,
}

impl<W: Write> JsonLinesReporter<W> {
    /// A reporter writing to `out`.
    pub fn new(out: W) -> Self {
        JsonLinesReporter { out }
    }
}

impl<W: Write> Reporter for JsonLinesReporter<W> {
    fn event(&mut self, ev: &Event) {
        if let Ok(line) = serde_json::to_string(ev) {
            let _ = writeln!(self.out, "{}", json_safe(line));
            let _ = self.out.flush();
        }
    }
}

/// The JSON report as a string (pretty-printed), safe to print on a terminal
/// ([`json_safe`]).
pub fn json(report: &Report) -> String {
    json_safe(serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"cannot serialise the report: {e}\"}}")))
}
