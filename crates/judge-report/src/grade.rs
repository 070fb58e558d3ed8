//! The grade report of `judge grade` (a practice repository judged at once)
//! and every format made from it: the terminal scoreboard, JUnit XML
//! (`quick-junit`), Gradescope's `results.json`, GitHub Actions annotations
//! and the job summary (markdown). One verdict model: each format is a pure
//! function of a [`GradeReport`], so `judge grade merge` re-emits them all
//! from merged partial reports. Schema: `docs/grade.md`.
//!
//! Everything taken from a solution's run (messages, diffs, compiler output,
//! file names) is hostile: each format escapes it for its own syntax (XML by
//! `quick-junit`, JSON by serde, workflow-command escaping for annotations,
//! code fences and table escaping for markdown) after [`terminal_safe`].
//! Hidden cases appear only as the engine redacted them (`hidden/N`).

use crate::{diff_lines, pretty_value_lines, terminal_safe};

/// [`terminal_safe`], owned.
fn safe(s: &str) -> String {
    terminal_safe(s).into_owned()
}
use judge_core::{CaseReport, Cause, Report, Verdict};
use serde::{Deserialize, Serialize};
use std::io::Write;

/// Version of the grade report schema (`docs/grade.md`).
pub const GRADE_SCHEMA_VERSION: u32 = 1;

/// Wait for a CPU above this share of a solution's CPU time flags the grade
/// as contended (its times are less trustworthy).
pub const CONTENDED_WAIT_RATIO: f64 = 0.25;
/// ... and above this many ms in all (short runs are not worth a flag).
pub const CONTENDED_WAIT_MS: u64 = 200;

/// How points are earned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scoring {
    /// A solution earns its problem's points when every case is AC, else 0.
    #[default]
    AllOrNothing,
    /// A solution earns `points × passed / total`.
    Proportional,
}

/// The report of one `judge grade` (or of one partition of it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GradeReport {
    /// [`GRADE_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Always `"grade"` (tells a grade report from a run report).
    pub kind: String,
    /// `false` when the grade did not finish (never written by `judge grade`
    /// itself, which writes nothing when interrupted; kept for tools).
    pub complete: bool,
    /// The partition judged (`hash:2/4`), absent when the whole repository was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition: Option<String>,
    /// Partitions merged into this report (`judge grade merge`), in argument order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    /// How points were earned.
    pub scoring: Scoring,
    /// When grading started, ms since the Unix epoch.
    pub started_unix_ms: u64,
    /// Wall time of the whole grade, ms (merged: the longest partition's).
    pub duration_ms: u64,
    /// Worker threads used.
    pub jobs: usize,
    /// Points earned in all.
    pub score: f64,
    /// Points available in all.
    pub max_score: f64,
    /// Sum of every case's wait for a CPU, ms (contention-aware time).
    pub wait_ms: u64,
    /// Whether some solution waited for a CPU much ([`CONTENDED_WAIT_RATIO`]):
    /// its CPU times were measured on a busy machine.
    pub contended: bool,
    /// One entry per solution, sorted by file path.
    pub solutions: Vec<SolutionResult>,
    /// Source files that were not graded, sorted by file path.
    pub ignored: Vec<Ignored>,
    /// `--require-gpu`: a skipped solution (SK, no usable GPU) counts as a
    /// failure in every format and in the exit code, instead of as skipped.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub require_gpu: bool,
}

/// One solution's grade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolutionResult {
    /// Path relative to the graded directory, `/`-separated.
    pub file: String,
    /// Problem id.
    pub problem: String,
    /// Language id (`python`, `cpp`).
    pub language: String,
    /// Overall verdict (as the run report's).
    pub verdict: Verdict,
    /// AC cases.
    pub passed: usize,
    /// Cases run.
    pub total: usize,
    /// Points earned.
    pub score: f64,
    /// Points available.
    pub max_score: f64,
    /// CPU time of every case, ms.
    pub cpu_ms: u64,
    /// Wait for a CPU of every case, ms.
    pub wait_ms: u64,
    /// Whether this solution's runs waited for a CPU much.
    pub contended: bool,
    /// The run report, as `judge run --format json` prints it; absent when
    /// the solution could not be judged (`error`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
    /// Why the solution could not be judged (a configuration error of its
    /// problem, e.g. `--strict-sandbox` refusing): verdict IE, 0 points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A source file that was not graded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ignored {
    /// Path relative to the graded directory.
    pub file: String,
    /// Why.
    pub reason: String,
}

impl SolutionResult {
    /// A result from a run report, scored.
    pub fn from_report(file: String, report: Report, points: f64, scoring: Scoring) -> SolutionResult {
        let cpu_ms = report.cases.iter().map(|c| c.cpu_ms).sum();
        let wait_ms: u64 = report.cases.iter().map(|c| c.wait_ms).sum();
        let score = match (scoring, report.verdict) {
            (_, Verdict::AC) => points,
            (_, Verdict::CE | Verdict::IE) => 0.0,
            (Scoring::AllOrNothing, _) => 0.0,
            (Scoring::Proportional, _) if report.total == 0 => 0.0,
            (Scoring::Proportional, _) => points * report.passed as f64 / report.total as f64,
        };
        SolutionResult {
            file,
            problem: report.problem.clone(),
            language: report.language.clone(),
            verdict: report.verdict,
            passed: report.passed,
            total: report.total,
            score: round2(score),
            max_score: points,
            cpu_ms,
            wait_ms,
            contended: contended(cpu_ms, wait_ms),
            report: Some(report),
            error: None,
        }
    }

    /// A solution that could not be judged (IE, 0 points).
    pub fn failed(file: String, problem: String, language: String, points: f64, error: String) -> SolutionResult {
        SolutionResult {
            file,
            problem,
            language,
            verdict: Verdict::IE,
            passed: 0,
            total: 0,
            score: 0.0,
            max_score: points,
            cpu_ms: 0,
            wait_ms: 0,
            contended: false,
            report: None,
            error: Some(error),
        }
    }

    fn cases(&self) -> &[CaseReport] {
        self.report.as_ref().map(|r| r.cases.as_slice()).unwrap_or(&[])
    }

    /// The first case that is not AC.
    pub fn first_failure(&self) -> Option<&CaseReport> {
        self.cases().iter().find(|c| c.verdict != Verdict::AC)
    }

    /// One line saying why the solution failed (empty for AC).
    pub fn cause_line(&self) -> String {
        if let Some(e) = &self.error {
            return e.clone();
        }
        if let Some(c) = self.report.as_ref().and_then(|r| r.compile.as_ref()) {
            return c.message();
        }
        match self.first_failure() {
            Some(c) => format!("{}: {}", c.id, c.message),
            None => String::new(),
        }
    }
}

fn contended(cpu_ms: u64, wait_ms: u64) -> bool {
    wait_ms >= CONTENDED_WAIT_MS && wait_ms as f64 > CONTENDED_WAIT_RATIO * cpu_ms.max(1) as f64
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl GradeReport {
    /// A report of `solutions` (sorted here by file) and `ignored`, totals computed.
    pub fn new(mut solutions: Vec<SolutionResult>, mut ignored: Vec<Ignored>, scoring: Scoring, started_unix_ms: u64, duration_ms: u64, jobs: usize) -> GradeReport {
        solutions.sort_by(|a, b| a.file.cmp(&b.file).then(a.problem.cmp(&b.problem)));
        ignored.sort_by(|a, b| a.file.cmp(&b.file));
        let mut r = GradeReport {
            schema_version: GRADE_SCHEMA_VERSION,
            kind: "grade".into(),
            complete: true,
            partition: None,
            merged: Vec::new(),
            scoring,
            started_unix_ms,
            duration_ms,
            jobs,
            score: 0.0,
            max_score: 0.0,
            wait_ms: 0,
            contended: false,
            solutions,
            ignored,
            require_gpu: false,
        };
        r.totals();
        r
    }

    fn totals(&mut self) {
        self.score = round2(self.solutions.iter().map(|s| s.score).sum());
        self.max_score = round2(self.solutions.iter().map(|s| s.max_score).sum());
        self.wait_ms = self.solutions.iter().map(|s| s.wait_ms).sum();
        self.contended = self.solutions.iter().any(|s| s.contended);
    }

    /// Whether every solution is AC (true when there is none: a partition
    /// can be empty).
    pub fn all_accepted(&self) -> bool {
        self.solutions.iter().all(|s| s.verdict == Verdict::AC || (s.verdict == Verdict::SK && !self.require_gpu))
    }

    /// Solutions skipped (SK: not judged here, e.g. CUDA without a GPU).
    pub fn skipped(&self) -> usize {
        self.solutions.iter().filter(|s| s.verdict == Verdict::SK).count()
    }

    /// Any solution with an IE verdict (the judge failed, not the student).
    pub fn any_internal_error(&self) -> bool {
        self.solutions.iter().any(|s| s.verdict == Verdict::IE)
    }

    /// Parse a grade report (a file written by `judge grade --json`).
    pub fn from_json(text: &str) -> Result<GradeReport, String> {
        let r: GradeReport = serde_json::from_str(text).map_err(|e| format!("not a grade report: {e}"))?;
        if r.kind != "grade" {
            return Err(format!("field `kind`: expected \"grade\", found {:?}", r.kind));
        }
        if r.schema_version != GRADE_SCHEMA_VERSION {
            return Err(format!("field `schema_version`: expected {GRADE_SCHEMA_VERSION}, found {}", r.schema_version));
        }
        if !r.complete {
            return Err("field `complete`: the report is partial (an interrupted grade)".into());
        }
        Ok(r)
    }

    /// Merge partition reports into one: solutions and ignored files
    /// re-sorted, totals recomputed. A solution file judged by two partitions
    /// is an error (the partitions overlap); a file graded by one partition
    /// is not "ignored" because another partition left it out.
    pub fn merge(parts: Vec<(String, GradeReport)>) -> Result<GradeReport, String> {
        let Some(first) = parts.first() else {
            return Err("nothing to merge".into());
        };
        let scoring = first.1.scoring;
        let mut solutions: Vec<SolutionResult> = Vec::new();
        let mut ignored: Vec<Ignored> = Vec::new();
        let mut started = u64::MAX;
        let mut duration = 0;
        let mut jobs = 0;
        let mut require_gpu = false;
        let mut names = Vec::new();
        for (name, part) in parts {
            if part.scoring != scoring {
                return Err(format!("{name}: field `scoring` differs from the first report's"));
            }
            for s in part.solutions {
                if solutions.iter().any(|t| t.file == s.file && t.problem == s.problem) {
                    return Err(format!("{name}: `{}` was graded by two partitions (they overlap)", s.file));
                }
                solutions.push(s);
            }
            for i in part.ignored {
                if !ignored.contains(&i) {
                    ignored.push(i);
                }
            }
            started = started.min(part.started_unix_ms);
            duration = duration.max(part.duration_ms);
            jobs = jobs.max(part.jobs);
            require_gpu |= part.require_gpu;
            names.push(part.partition.unwrap_or(name));
        }
        let mut r = GradeReport::new(solutions, ignored, scoring, started, duration, jobs);
        r.merged = names;
        r.require_gpu = require_gpu;
        Ok(r)
    }

    /// The report as pretty JSON (terminal-safe: see [`crate::json_safe`]).
    pub fn to_json(&self) -> String {
        crate::json_safe(serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"cannot serialise the grade report: {e}\"}}")))
    }
}

/// A JSON document for a grade that could not start (a configuration error
/// under `--format json`): `{"schema_version", "kind": "grade", "error"}`.
pub fn error_json(message: &str) -> String {
    let doc = serde_json::json!({"schema_version": GRADE_SCHEMA_VERSION, "kind": "grade", "complete": false, "error": message});
    crate::json_safe(serde_json::to_string_pretty(&doc).unwrap_or_default())
}

fn fmt_points(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() > max {
        format!("{}…", s.chars().take(max.saturating_sub(1)).collect::<String>())
    } else {
        s.to_string()
    }
}

/// A short diff of a failing case: the report's stdio diff, else a diff of
/// the rendered expected and actual values; at most `max_lines` lines.
pub fn short_diff(c: &CaseReport, max_lines: usize) -> Option<String> {
    let d = c.details.as_ref()?;
    let lines: Vec<String> = if let Some(diff) = &d.diff {
        diff.lines().map(str::to_string).collect()
    } else if let (Some(e), Some(a)) = (&d.expected, &d.actual) {
        if e.len() > 60 || a.len() > 60 || e.contains('\n') || a.contains('\n') {
            diff_lines(&pretty_value_lines(e), &pretty_value_lines(a), 2, 40)
        } else {
            vec![format!("- {e}"), format!("+ {a}")]
        }
    } else {
        return None;
    };
    let mut out: Vec<String> = lines.iter().take(max_lines).map(|l| truncate(l, 200)).collect();
    if lines.len() > max_lines {
        out.push(format!("… ({} more lines)", lines.len() - max_lines));
    }
    Some(out.join("\n"))
}

/// The terminal scoreboard: a table (problem, file, language, verdict,
/// passed/total, points, CPU time), the ignored files, the first failure of
/// each failing solution (with its diff, through [`crate::HumanReporter`]),
/// then the total. Every piece passes [`terminal_safe`].
pub fn write_scoreboard<W: Write>(r: &GradeReport, mut out: W) -> std::io::Result<()> {
    let rows: Vec<[String; 7]> = r
        .solutions
        .iter()
        .map(|s| {
            [
                s.problem.clone(),
                s.file.clone(),
                s.language.clone(),
                s.verdict.code().to_string(),
                format!("{}/{}", s.passed, s.total),
                format!("{}/{}", fmt_points(s.score), fmt_points(s.max_score)),
                format!("{} ms{}", s.cpu_ms, if s.contended { " (waited)" } else { "" }),
            ]
        })
        .collect();
    let head = ["problem", "file", "language", "verdict", "passed", "points", "CPU time"];
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(safe(cell).chars().count().min(48));
        }
    }
    let fmt_row = |cells: &[String]| -> String {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{:<w$}", truncate(&safe(c), 48), w = *w))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", fmt_row(&head.map(String::from)))?;
    writeln!(out, "{}", widths.iter().map(|w| "─".repeat(*w)).collect::<Vec<_>>().join("  "))?;
    for row in &rows {
        writeln!(out, "{}", fmt_row(row))?;
    }
    for i in &r.ignored {
        writeln!(out, "ignored: {}: {}", safe(&i.file), safe(&i.reason))?;
    }
    for s in r.solutions.iter().filter(|s| s.verdict == Verdict::SK) {
        writeln!(out)?;
        let what = if r.require_gpu { "failed (--require-gpu)" } else { "skipped" };
        writeln!(out, "── {} ({}) ── {what}: {}", safe(&s.file), safe(&s.problem), safe(&s.cause_line()))?;
    }
    for s in r.solutions.iter().filter(|s| !matches!(s.verdict, Verdict::AC | Verdict::SK)) {
        writeln!(out)?;
        writeln!(out, "── {} ({}) ──", safe(&s.file), safe(&s.problem))?;
        match &s.report {
            Some(report) => {
                out.flush()?;
                crate::HumanReporter::new(&mut out).finish(report);
            }
            None => writeln!(out, "IE {}", safe(s.error.as_deref().unwrap_or("")))?,
        }
    }
    writeln!(out)?;
    let ac = r.solutions.iter().filter(|s| s.verdict == Verdict::AC).count();
    writeln!(
        out,
        "total: {}/{} points · {ac}/{} solutions accepted{} · {} ignored{}",
        fmt_points(r.score),
        fmt_points(r.max_score),
        r.solutions.len(),
        skipped_note(r),
        r.ignored.len(),
        r.partition.as_ref().map(|p| format!(" · partition {p}")).unwrap_or_default()
    )?;
    if r.contended {
        let names: Vec<String> = r.solutions.iter().filter(|s| s.contended).map(|s| safe(&s.file)).collect();
        writeln!(
            out,
            "warning: runs waited for a CPU ({} ms in all; {}): the machine was busy, CPU times may be inflated and TLE verdicts near the limit unreliable",
            r.wait_ms,
            names.join(", ")
        )?;
    }
    Ok(())
}

/// ` · N skipped (not judged: ...)` for the totals, empty when none was.
fn skipped_note(r: &GradeReport) -> String {
    match r.skipped() {
        0 => String::new(),
        n if r.require_gpu => format!(" · {n} skipped, failed by --require-gpu"),
        n => format!(" · {n} skipped (not judged here: no usable GPU; --require-gpu fails them)"),
    }
}

/// The test-case name of a case in every format: its id (hidden cases are
/// `hidden/N`: redacted by the engine).
fn case_name(c: &CaseReport) -> String {
    safe(&c.id)
}

/// The failure text of a case: verdict, cause, short diff.
fn case_failure_text(c: &CaseReport) -> String {
    let mut t = format!("{} {}\n{}", c.verdict.code(), c.verdict.describe(), safe(&c.message));
    if let Some(d) = short_diff(c, 20) {
        t.push_str("\n\n");
        t.push_str(&safe(&d));
    }
    t
}

/// JUnit XML (`quick-junit`): one testsuite per solution (named
/// `problem (file)`), one testcase per case (classname the file, name the
/// case id; hidden cases by number only). A failing case's `<failure>` has
/// the verdict as `type`, the cause as `message` and the verdict, cause and
/// a short diff as text. A CE is one `<error>` testcase named `compile`;
/// a solution not judged is one `<error>` testcase named `judge`.
pub fn junit(r: &GradeReport) -> String {
    use quick_junit::{NonSuccessKind, Property, TestCase, TestCaseStatus, TestSuite};
    let mut report = quick_junit::Report::new("judge grade");
    for s in &r.solutions {
        let file = safe(&s.file);
        let mut suite = TestSuite::new(format!("{} ({file})", safe(&s.problem)));
        suite.add_property(Property::new("problem", safe(&s.problem)));
        suite.add_property(Property::new("file", file.clone()));
        suite.add_property(Property::new("language", safe(&s.language)));
        suite.add_property(Property::new("verdict", s.verdict.code()));
        suite.add_property(Property::new("points", format!("{}/{}", fmt_points(s.score), fmt_points(s.max_score))));
        let compile = s.report.as_ref().and_then(|r| r.compile.as_ref());
        if let Some(e) = &s.error {
            let mut st = TestCaseStatus::non_success(NonSuccessKind::Error);
            st.set_type("IE").set_message(safe(e));
            let mut tc = TestCase::new("judge", st);
            tc.set_classname(file.clone());
            suite.add_test_case(tc);
        } else if let Some(cause) = compile {
            let mut st = TestCaseStatus::non_success(NonSuccessKind::Error);
            st.set_type(s.verdict.code()).set_message(safe(&cause.message()));
            if let Cause::Compile { log, .. } = cause {
                st.set_description(truncate(&safe(log), 4000));
            }
            let mut tc = TestCase::new("compile", st);
            tc.set_classname(file.clone());
            suite.add_test_case(tc);
        }
        for c in s.cases() {
            let status = if c.verdict == Verdict::AC {
                TestCaseStatus::success()
            } else if c.verdict == Verdict::SK && !r.require_gpu {
                let mut st = TestCaseStatus::skipped();
                st.set_type("SK").set_message(truncate(&safe(&c.message), 500));
                st
            } else {
                let kind = if c.verdict == Verdict::IE { NonSuccessKind::Error } else { NonSuccessKind::Failure };
                let mut st = TestCaseStatus::non_success(kind);
                st.set_type(c.verdict.code()).set_message(truncate(&safe(&c.message), 500)).set_description(case_failure_text(c));
                st
            };
            let mut tc = TestCase::new(case_name(c), status);
            tc.set_classname(file.clone()).set_time(std::time::Duration::from_millis(c.wall_ms));
            suite.add_test_case(tc);
        }
        let skipped = s.report.as_ref().map(|r| r.skipped).unwrap_or(0);
        for k in 0..skipped {
            let mut tc = TestCase::new(format!("skipped/{}", k + 1), TestCaseStatus::skipped());
            tc.set_classname(file.clone());
            suite.add_test_case(tc);
        }
        report.add_test_suite(suite);
    }
    report.to_string().unwrap_or_else(|e| format!("<!-- cannot serialise the JUnit report: {e} -->\n"))
}

/// Visibility of hidden cases' entries in Gradescope's `results.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HiddenVisibility {
    /// `hidden`: never shown to students.
    Hidden,
    /// `after_due_date`: shown once the due date has passed.
    AfterDueDate,
}

/// Gradescope autograder `results.json`: `score`, `max_score`, a markdown
/// `output` (the summary), and `tests`: one entry per solution carrying its
/// points, then one per case (`status` passed/failed, markdown `output` with
/// the verdict, cause and short diff; hidden cases `visibility: hidden` or
/// `after_due_date`, named by number).
pub fn gradescope(r: &GradeReport, hidden: HiddenVisibility) -> serde_json::Value {
    use serde_json::json;
    let hidden_vis = match hidden {
        HiddenVisibility::Hidden => "hidden",
        HiddenVisibility::AfterDueDate => "after_due_date",
    };
    let mut tests = Vec::new();
    for s in &r.solutions {
        let head = format!("{} ({})", safe(&s.problem), safe(&s.file));
        let mut out = format!("**{}** {} · {}/{} cases passed", s.verdict.code(), s.verdict.describe(), s.passed, s.total);
        if s.verdict == Verdict::SK {
            out.push_str(if r.require_gpu { " · skipped: counted as failed (--require-gpu)" } else { " · skipped: not judged here, 0 points" });
        }
        let cause = s.cause_line();
        if !cause.is_empty() {
            out.push_str(&format!("\n\n{}", md_code_block(&safe(&cause))));
        }
        if let Some(Cause::Compile { log, .. }) = s.report.as_ref().and_then(|r| r.compile.as_ref()) {
            out.push_str(&format!("\n\nCompiler output:\n\n{}", md_code_block(&truncate(&safe(log), 4000))));
        }
        tests.push(json!({
            "name": head,
            "name_format": "text",
            "score": s.score,
            "max_score": s.max_score,
            "status": if s.verdict == Verdict::AC { "passed" } else { "failed" },
            "output": out,
            "output_format": "md",
            "visibility": "visible",
        }));
        for c in s.cases() {
            let mut out = format!("**{}** {}", c.verdict.code(), c.verdict.describe());
            if c.verdict != Verdict::AC {
                out.push_str(&format!("\n\n{}", md_code_block(&safe(&c.message))));
                if let Some(d) = short_diff(c, 20) {
                    out.push_str(&format!("\n\nDiff (- expected, + actual):\n\n{}", md_code_block(&safe(&d))));
                }
            }
            tests.push(json!({
                "name": format!("{head} · {}", case_name(c)),
                "name_format": "text",
                "status": if c.verdict == Verdict::AC { "passed" } else { "failed" },
                "output": out,
                "output_format": "md",
                "visibility": if c.hidden { hidden_vis } else { "visible" },
            }));
        }
    }
    json!({
        "score": r.score,
        "max_score": r.max_score,
        "execution_time": r.duration_ms / 1000,
        "output": markdown_summary(r),
        "output_format": "md",
        "test_output_format": "md",
        "test_name_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    })
}

/// A fenced code block that the text cannot close (the fence is longer than
/// any backtick run inside).
fn md_code_block(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        if ch == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}\n{text}\n{fence}")
}

/// Text for a markdown table cell: no line breaks, `|` and markup escaped.
fn md_cell(text: &str) -> String {
    let mut s = String::new();
    for ch in safe(text).chars() {
        match ch {
            '\n' | '\r' => s.push(' '),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' => {
                s.push('\\');
                s.push(ch);
            }
            c => s.push(c),
        }
    }
    truncate(&s, 120)
}

/// The markdown summary (GitHub's job summary, Gradescope's `output`): the
/// scoreboard as a table, ignored files, the total, a contention warning.
pub fn markdown_summary(r: &GradeReport) -> String {
    let mut s = String::from("## judge grade\n\n| problem | file | language | verdict | passed | points | CPU time | cause |\n|---|---|---|---|---|---|---|---|\n");
    for x in &r.solutions {
        s.push_str(&format!(
            "| {} | {} | {} | {} | {}/{} | {}/{} | {} ms | {} |\n",
            md_cell(&x.problem),
            md_cell(&x.file),
            md_cell(&x.language),
            x.verdict.code(),
            x.passed,
            x.total,
            fmt_points(x.score),
            fmt_points(x.max_score),
            x.cpu_ms,
            md_cell(&x.cause_line())
        ));
    }
    if !r.ignored.is_empty() {
        s.push_str("\nIgnored files:\n\n");
        for i in &r.ignored {
            s.push_str(&format!("- {}: {}\n", md_cell(&i.file), md_cell(&i.reason)));
        }
    }
    let ac = r.solutions.iter().filter(|x| x.verdict == Verdict::AC).count();
    s.push_str(&format!("\n**Total: {}/{} points**, {ac}/{} solutions accepted{}.\n", fmt_points(r.score), fmt_points(r.max_score), r.solutions.len(), skipped_note(r)));
    if r.contended {
        s.push_str(&format!("\n> [!WARNING]\n> Runs waited for a CPU ({} ms in all): CPU times may be inflated.\n", r.wait_ms));
    }
    s
}

/// Escape a workflow command's message (`%`, CR, LF), so that text from a
/// solution cannot end the command and start another.
fn gh_data(s: &str) -> String {
    safe(s).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a workflow command's property value (also `:` and `,`).
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The line of a compile error in `file` (`file:LINE:` in the first error), else 1.
fn compile_line(first_error: &str) -> u32 {
    // nvcc: `file.cu(6): error: ...`.
    if let Some((head, _)) = first_error.split_once("): ") {
        if let Some(n) = head.rsplit_once('(').and_then(|(_, n)| n.parse::<u32>().ok()) {
            return n.max(1);
        }
    }
    for part in first_error.split(':').skip(1) {
        if let Ok(n) = part.trim().parse::<u32>() {
            return n.max(1);
        }
    }
    1
}

/// GitHub Actions `::error` workflow commands: one per compile error (at
/// its line) and one per failing solution (line 1), message escaped; a
/// skipped solution (SK) is a `::warning` (an `::error` with `--require-gpu`).
pub fn github_annotations(r: &GradeReport) -> Vec<String> {
    let mut v = Vec::new();
    for s in r.solutions.iter().filter(|s| s.verdict != Verdict::AC) {
        let (line, title) = match s.report.as_ref().and_then(|r| r.compile.as_ref()) {
            Some(Cause::Compile { first_error, .. }) => (compile_line(first_error), format!("{}: compilation error", s.problem)),
            _ => (1, format!("{}: {} ({}/{} cases)", s.problem, s.verdict.code(), s.passed, s.total)),
        };
        let level = if s.verdict == Verdict::SK && !r.require_gpu { "warning" } else { "error" };
        v.push(format!(
            "::{level} file={},line={line},title={}::{}",
            gh_property(&s.file),
            gh_property(&title),
            gh_data(&truncate(&s.cause_line(), 1000))
        ));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_cannot_inject_commands() {
        assert_eq!(gh_data("a\n::warning::x%"), "a%0A::warning::x%25");
        assert_eq!(gh_property("a,b:c"), "a%2Cb%3Ac");
    }

    #[test]
    fn code_blocks_cannot_be_closed() {
        let b = md_code_block("x ```` y");
        assert!(b.starts_with("`````\n"));
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
    }

    #[test]
    fn compile_line_from_first_error() {
        assert_eq!(compile_line("a.cpp:12:5: error: x"), 12);
        assert_eq!(compile_line("error"), 1);
        assert_eq!(compile_line("x.cu(6): error: expected a \";\""), 6);
    }
}
