//! Reporters: the human report (a line per case, a summary, the first failure
//! with a real diff) and the JSON report (schema in `docs/report-schema.md`).
//!
//! Colours go through `anstream`, which drops them when stdout is not a
//! terminal and when `NO_COLOR` is set.

mod diff;

pub use diff::{diff_lines, pretty_value_lines};

use anstyle::{AnsiColor, Style};
use judge_core::{CaseReport, Cause, Report, Verdict};
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
    };
    Style::new().fg_color(Some(color.into())).bold()
}

const DIM: Style = Style::new().dimmed();
const BOLD: Style = Style::new().bold();

/// Live human output: a header, then a line per case as cases finish.
pub struct HumanReporter<W: Write> {
    out: W,
    width: usize,
}

impl<W: Write> HumanReporter<W> {
    /// A reporter writing to `out` (normally `anstream::stdout()`).
    pub fn new(out: W) -> Self {
        HumanReporter { out, width: 24 }
    }

    /// Align case lines for ids up to `width` characters.
    pub fn with_id_width(mut self, width: usize) -> Self {
        self.width = width.max(8);
        self
    }

    /// The header line: problem, language, toolchain.
    pub fn header(&mut self, problem: &str, language: &str, tc: &judge_core::Toolchain) {
        let _ = writeln!(
            self.out,
            "{BOLD}judge{BOLD:#} {problem} · {language} · {} {} {DIM}({}){DIM:#}",
            tc.name, tc.version, tc.path
        );
    }

    /// One finished case.
    pub fn case(&mut self, c: &CaseReport) {
        let vs = verdict_style(c.verdict);
        let kind = if c.hidden { "hidden" } else { "sample" };
        let msg = if c.verdict == Verdict::AC { String::new() } else { format!("  {}", one_line(&c.message, 100)) };
        let _ = writeln!(
            self.out,
            "  {:<w$} {DIM}{kind:<6}{DIM:#} {vs}{:<3}{vs:#} {:>6} ms {:>7.1} MiB{msg}",
            c.id,
            c.verdict.code(),
            c.cpu_ms,
            c.memory_kib as f64 / 1024.0,
            w = self.width,
        );
    }

    /// Summary and the first failure's details.
    pub fn finish(&mut self, r: &Report) {
        let vs = verdict_style(r.verdict);
        if let Some(cause) = &r.compile {
            let _ = writeln!(self.out, "{vs}{}{vs:#} {}", r.verdict.code(), r.verdict.describe());
            match cause {
                Cause::Compile { log, .. } => {
                    let _ = writeln!(self.out, "{}", cause.message());
                    let _ = writeln!(self.out, "{DIM}--- compiler output ---{DIM:#}\n{}", log.trim_end());
                }
                other => {
                    let _ = writeln!(self.out, "{}", other.message());
                }
            }
            return;
        }
        let total_cpu: u64 = r.cases.iter().map(|c| c.cpu_ms).sum();
        let peak = r.cases.iter().map(|c| c.memory_kib).max().unwrap_or(0);
        let _ = writeln!(
            self.out,
            "{vs}{}{vs:#} {} · {}/{} passed{} · {} ms CPU in all · peak {:.1} MiB",
            r.verdict.code(),
            r.verdict.describe(),
            r.passed,
            r.total,
            if r.skipped > 0 { format!(" ({} not run: --fail-fast)", r.skipped) } else { String::new() },
            total_cpu,
            peak as f64 / 1024.0
        );
        if !r.sandbox.missing.is_empty() {
            let _ = writeln!(self.out, "{DIM}sandbox: missing {}{DIM:#}", r.sandbox.missing.join("; "));
        }
        let Some(first) = r.cases.iter().find(|c| c.verdict != Verdict::AC) else {
            return;
        };
        let _ = writeln!(self.out, "\n{BOLD}First failing case: {} ({}){BOLD:#}", first.id, first.verdict.code());
        let _ = writeln!(self.out, "  cause:    {}", first.message);
        let Some(d) = &first.details else {
            if first.hidden {
                let _ = writeln!(self.out, "  {DIM}(hidden case: run with --reveal to see its data){DIM:#}");
            }
            return;
        };
        if let Some(i) = &d.input {
            let _ = writeln!(self.out, "  input:    {}", one_line(i, 400));
        }
        let (exp, act) = (d.expected.as_deref(), d.actual.as_deref());
        if let Some(e) = exp {
            let _ = writeln!(self.out, "  expected: {}", one_line(e, 400));
        }
        if let Some(a) = act {
            let _ = writeln!(self.out, "  actual:   {}", one_line(a, 400));
        }
        if let Some(diff) = &d.diff {
            let _ = writeln!(self.out, "  diff (- expected, + actual; ␍ CR, → tab, · trailing space):");
            for line in diff.lines() {
                let style = diff_style(line);
                let _ = writeln!(self.out, "    {style}{line}{style:#}");
            }
        } else if let (Some(e), Some(a)) = (exp, act) {
            if first.verdict == Verdict::WA && (e.len() > 60 || a.len() > 60 || e.contains('\n') || a.contains('\n')) {
                let _ = writeln!(self.out, "  diff (- expected, + actual):");
                for line in diff_lines(&pretty_value_lines(e), &pretty_value_lines(a), 3, 60) {
                    let style = diff_style(&line);
                    let _ = writeln!(self.out, "    {style}{line}{style:#}");
                }
            }
        }
        if let Some(h) = &d.hint {
            let _ = writeln!(self.out, "  hint:     {h}");
        }
        for (name, text) in [("traceback", &d.traceback), ("stdout", &d.stdout), ("stderr", &d.stderr)] {
            if let Some(t) = text {
                let _ = writeln!(self.out, "  {DIM}--- {name} ---{DIM:#}");
                for line in t.lines().take(40) {
                    let _ = writeln!(self.out, "  {line}");
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

/// The JSON report as a string (pretty-printed).
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("reports serialise")
}
