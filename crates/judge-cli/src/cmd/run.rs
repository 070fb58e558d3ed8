//! `judge run FILE`: judge a file against a problem's cases, or run it on a
//! custom input (`--input`).

use crate::args::{FormatArg, JudgeArgs};
use crate::error::{usage, CmdResult};
use crate::output::{stdout, SafeOut};
use crate::plan::{self, RunPlan};
use anyhow::anyhow;
use judge_core::{ExitCode, Reporter, Verdict};
use judge_engine::{CancelToken, Submission};
use judge_report::{HumanReporter, JsonLinesReporter, JsonReporter};
use std::io::{IsTerminal, Read, Write};

/// The reporter for a format; the human one is live (status line) on a terminal.
pub fn reporter(plan: &RunPlan) -> Box<dyn Reporter> {
    match plan.format {
        FormatArg::Human => Box::new(
            HumanReporter::new(stdout())
                .with_id_width(plan.id_width)
                .with_language(&plan.language_name)
                // Kernel problems run one case at a time whatever --jobs says
                // (one GPU; kernel timing), as do --fail-fast runs.
                .with_jobs(if plan.opts.fail_fast || plan.problem.kernel.is_some() { 1 } else { plan.opts.jobs })
                .live(std::io::stdout().is_terminal()),
        ),
        FormatArg::Json => Box::new(JsonReporter::new(stdout())),
        FormatArg::Jsonl => Box::new(JsonLinesReporter::new(stdout())),
    }
}

/// `judge run`.
pub fn run(args: &JudgeArgs, input: Option<&str>) -> CmdResult {
    let plan = plan::resolve(args)?;
    if let Some(input) = input {
        return custom_input(&plan, input);
    }
    let prep = plan.engine.prepare(plan.problem.clone(), &plan.opts)?;
    let mut out = reporter(&plan);
    let report = plan.engine.judge_with(&prep, &plan.submission, &plan.selection, &CancelToken::new(), out.as_mut())?;
    Ok(ExitCode::for_verdict(report.verdict))
}

/// `judge run FILE --input FILE|-`: run the solution on one input; with a
/// reference solution in the problem, run it too and say whether they agree
/// (by the problem's checker). Exit 0 when the run was clean (and agreed), 1
/// otherwise.
fn custom_input(plan: &RunPlan, input: &str) -> CmdResult {
    let bytes = if input == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).map_err(|e| usage(anyhow!("cannot read the input from stdin: {e}")))?;
        b
    } else {
        std::fs::read(input).map_err(|e| usage(anyhow!("cannot read the input {input}: {e}")))?
    };
    let engine = &plan.engine;
    let problem = &plan.problem;
    let prep = engine.prepare(problem.clone(), &plan.opts)?;
    let cancel = CancelToken::new();
    let quiet = &mut |_: &judge_core::Event| {};
    // The reference's answer first (same language when the problem has one).
    let languages = engine.languages();
    let lang_of = |name: &str| {
        let ext = std::path::Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("");
        languages.by_extension(ext).map(|l| l.id.clone())
    };
    let reference = problem
        .references
        .iter()
        .filter_map(|(n, s)| lang_of(n).map(|l| (n, l, s)))
        .min_by_key(|(_, l, _)| *l != plan.submission.language);
    let mut reference_answer: Option<Vec<u8>> = None;
    let mut reference_note = String::from("(no reference solution in this problem)");
    if let Some((name, language, source)) = reference {
        let sub = Submission { path: format!("reference/{name}").into(), source: source.clone(), language };
        let build = engine.build(&prep, &sub, &cancel, quiet)?;
        let run = engine.run_input(&prep, &build, &bytes, None, &cancel)?;
        match (&run.report, &run.value) {
            (Some(r), Some(v)) if r.verdict == Verdict::AC => {
                reference_note = v.render_clipped(4000);
                reference_answer = Some(serde_json::to_vec(&v.to_json()).unwrap_or_default());
            }
            (Some(r), None) if r.verdict == Verdict::AC && problem.signature.is_none() => {
                reference_note = String::from_utf8_lossy(&run.stdout).into_owned();
                reference_answer = Some(run.stdout.clone());
            }
            (Some(r), _) => reference_note = format!("the reference failed on this input: {} {}", r.verdict, r.message),
            (None, _) => reference_note = "the reference did not build".into(),
        }
    }
    let build = engine.build(&prep, &plan.submission, &cancel, quiet)?;
    let run = engine.run_input(&prep, &build, &bytes, reference_answer.as_deref(), &cancel)?;
    let mut out = SafeOut(stdout());
    if plan.format != FormatArg::Human {
        let doc = serde_json::json!({
            "problem": problem.id(),
            "file": plan.submission.path.display().to_string(),
            "compile": run.build_failure,
            "case": run.report,
            "returned": run.value.as_ref().map(|v| v.to_json()),
            "stdout": String::from_utf8_lossy(&run.stdout),
            "reference": reference_answer.as_ref().map(|_| reference_note.clone()),
            "agree": reference_answer.as_ref().map(|_| run.report.as_ref().is_some_and(|r| r.verdict == Verdict::AC)),
        });
        let _ = writeln!(stdout(), "{}", judge_report::json_safe(serde_json::to_string_pretty(&doc).unwrap_or_default()));
    } else {
        let _ = writeln!(out, "judge {} · {} · {} on a custom input", problem.id(), plan.language_name, plan.submission.path.display());
        if let Some(c) = &run.build_failure {
            let _ = writeln!(out, "{}", c.message());
            if let judge_core::Cause::Compile { log, .. } = c {
                let _ = writeln!(out, "--- compiler output ---\n{}", log.trim_end());
            }
            return Ok(ExitCode::Rejected);
        }
        if let Some(r) = &run.report {
            let d = r.details.clone().unwrap_or_default();
            if let Some(i) = &d.input {
                let _ = writeln!(out, "  input:     {}", i.trim_end());
            }
            match (&run.value, problem.signature.is_some()) {
                (Some(v), _) => {
                    let _ = writeln!(out, "  returned:  {}", v.render_clipped(4000));
                }
                (None, false) => {
                    let _ = writeln!(out, "  printed:\n{}", String::from_utf8_lossy(&run.stdout).trim_end());
                }
                (None, true) => {}
            }
            let _ = writeln!(out, "  reference: {}", reference_note.trim_end());
            let verdict = match (&reference_answer, r.verdict) {
                (Some(_), Verdict::AC) => "agree: yes".to_string(),
                (Some(_), v) => format!("agree: no ({v}: {})", r.message),
                (None, Verdict::AC) => "ran cleanly".to_string(),
                (None, v) => format!("{v}: {}", r.message),
            };
            let _ = writeln!(out, "  {verdict}  ·  {} ms CPU · {:.1} MiB", r.cpu_ms, r.memory_kib as f64 / 1024.0);
            for (name, text) in [("traceback", &d.traceback), ("stdout", &d.stdout), ("stderr", &d.stderr)] {
                if name == "stdout" && problem.signature.is_none() {
                    continue;
                }
                if let Some(t) = text {
                    let _ = writeln!(out, "  --- {name} ---");
                    for line in t.lines().take(40) {
                        let _ = writeln!(out, "  {line}");
                    }
                }
            }
        }
    }
    let ok = run.report.as_ref().is_some_and(|r| r.verdict == Verdict::AC);
    Ok(if ok { ExitCode::Accepted } else { ExitCode::Rejected })
}
