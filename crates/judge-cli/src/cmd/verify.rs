//! `judge verify [TARGET…]`: prove problems fit to practise on.
//!
//! Each TARGET is either a path or a problem id, never ambiguously:
//! - an argument that names an existing directory is a path: a Kattis/ICPC
//!   package (`problem.yaml`), one problem folder of judge's own format
//!   (`problem.toml`), or a folder of either (every problem in it);
//! - anything else is the id of a problem of the registry (`--problems DIR`,
//!   `$JUDGE_PROBLEMS`, else the registry embedded in the binary);
//! - no TARGET: every problem of that registry.
//!
//! Packages get the Kattis checks (`judge_engine::verify`), problems of
//! judge's own format the checks of `judge_engine::verify_problem`; a table
//! of the latter ends the output. Exit 0 when every check passed, 1 when one
//! failed, 2 when a problem could not be verified (configuration error).

use crate::args::{Lang, RegistryArgs};
use crate::error::{internal, usage, CmdResult};
use crate::output::{stdout, SafeOut};
use crate::plan;
use anyhow::anyhow;
use judge_core::ExitCode;
use judge_engine::verify_problem::{ProblemVerifyReport, Role, SolutionCheck, VerifySettings, VerifyStep, REFERENCE_MARGIN, TLE_MARGIN};
use judge_engine::{Engine, Options};
use judge_lang::LanguageTable;
use judge_registry::{Problem, Registry, RegistryError};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// `judge verify`: see the module docs.
pub fn verify(targets: &[String], lang: Option<Lang>, reg: &RegistryArgs) -> CmdResult {
    // Resolve every target before anything runs: a typo is exit 2 at once.
    let mut registries: Vec<Registry> = Vec::new();
    let mut work: Vec<(usize, String)> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for t in targets {
        let path = Path::new(t);
        if path.is_dir() {
            let (registry, only) = if judge_registry::kattis::is_package(path) {
                (Registry::package(path).map_err(usage)?, None)
            } else if path.join("problem.toml").is_file() {
                let dir = path.canonicalize().map_err(|e| usage(anyhow!("{t}: {e}")))?;
                let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let parent = dir.parent().unwrap_or(&dir).to_path_buf();
                (Registry::open(&parent).map_err(usage)?, Some(name))
            } else {
                (Registry::open(path).map_err(usage)?, None)
            };
            let list = match only {
                Some(id) => vec![id],
                None => registry.ids().to_vec(),
            };
            if list.is_empty() {
                return Err(usage(anyhow!("{t}: no problem here (expected problem.toml or a Kattis package with problem.yaml, or folders of them)")));
            }
            registries.push(registry);
            work.extend(list.into_iter().map(|id| (registries.len() - 1, id)));
        } else if t.contains('/') {
            return Err(usage(anyhow!("{t}: no such directory (a problem id has no `/`)")));
        } else {
            ids.push(t.clone());
        }
    }
    if !ids.is_empty() || targets.is_empty() {
        let registry = plan::registry(reg)?;
        if targets.is_empty() {
            ids = registry.ids().to_vec();
        }
        for id in &ids {
            if !registry.ids().contains(id) {
                return Err(usage(RegistryError::UnknownProblem { id: id.clone(), known: registry.ids().join(", ") }));
            }
        }
        registries.push(registry);
        work.extend(ids.into_iter().map(|id| (registries.len() - 1, id)));
    }
    if work.is_empty() {
        return Err(usage(anyhow!("{}: no problems to verify", plan::registry(reg)?.describe())));
    }
    let languages = LanguageTable::load(reg.runners.as_deref()).map_err(usage)?;
    let helper = std::env::current_exe().map_err(internal)?;
    let engine = Engine::new(helper, languages);
    let opts = Options { reveal: true, ..Default::default() };
    let settings = VerifySettings { languages: lang.map(|l| vec![l.id().to_string()]).unwrap_or_default(), ..Default::default() };
    let mut out = SafeOut(stdout());
    let mut all_ok = true;
    let mut config_errors = 0;
    let mut reports: Vec<(ProblemVerifyReport, f64)> = Vec::new();
    let started = Instant::now();
    for (r, id) in &work {
        let problem = match registries[*r].problem(id) {
            Ok(p) => p,
            Err(RegistryError::Unsupported { file, message }) => {
                let _ = writeln!(out, "judge verify {id}\n  skipped: {message} ({file})\n");
                continue;
            }
            Err(e) => {
                // One broken problem does not hide the others.
                config_errors += 1;
                let _ = writeln!(out, "judge verify {id}\n  ERROR: {e}\n");
                continue;
            }
        };
        let ok = if problem.package.is_some() {
            verify_package(&engine, &problem, &opts, &mut out)
        } else {
            let t = Instant::now();
            let limits = problem.manifest.limits();
            let _ = writeln!(out, "judge verify {id} · {} cases · time limit {} ms", problem.cases.len(), limits.time_ms);
            match engine.verify_problem(Arc::new(problem), &opts, &settings, &mut |step| print_step(step)) {
                Ok(report) => {
                    let secs = t.elapsed().as_secs_f64();
                    print_time_limit(&report, &mut out);
                    let _ = writeln!(out, "  {} ({secs:.1} s)\n", if report.ok() { "OK" } else { "FAILED" });
                    let ok = report.ok();
                    reports.push((report, secs));
                    Some(ok)
                }
                Err(e) => {
                    let _ = writeln!(out, "  ERROR: {e}\n");
                    None
                }
            }
        };
        match ok {
            Some(ok) => all_ok &= ok,
            None => config_errors += 1,
        }
    }
    if !reports.is_empty() {
        print_table(&reports, &mut out);
        let _ = writeln!(out, "{} problem(s) verified in {:.1} s", reports.len(), started.elapsed().as_secs_f64());
    }
    if config_errors > 0 {
        return Err(usage(anyhow!("{config_errors} problem(s) could not be verified (see ERROR above)")));
    }
    Ok(if all_ok { ExitCode::Accepted } else { ExitCode::Rejected })
}

fn status(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "FAILED"
    }
}

fn codes(v: &[judge_core::Verdict]) -> String {
    v.iter().map(|v| v.code()).collect::<Vec<_>>().join("/")
}

/// One line per finished check, as it finishes.
fn print_step(step: VerifyStep<'_>) {
    let mut out = SafeOut(stdout());
    match step {
        VerifyStep::Inputs(i) => {
            if let Some(e) = &i.error {
                let _ = writeln!(out, "  FAILED  inputs     {:<30} could not run: {e}", i.validator);
            } else if i.rejected.is_empty() {
                let _ = writeln!(out, "  ok      inputs     {:<30} every case's input is valid", i.validator);
            } else {
                for (case, why) in &i.rejected {
                    let _ = writeln!(out, "  FAILED  inputs     {:<30} {case}: {why}", i.validator);
                }
            }
        }
        VerifyStep::Solution(s) => print_solution(s, &mut out),
        VerifyStep::Generator(g) => {
            if let Some(e) = &g.error {
                let _ = writeln!(out, "  FAILED  generator  {:<30} {e}", g.file);
            } else if g.differences.is_empty() {
                let _ = writeln!(out, "  ok      generator  {:<30} reproduces all {} case files byte for byte ({} ms CPU)", g.file, g.compared, g.cpu_ms);
            } else {
                let _ = writeln!(out, "  FAILED  generator  {:<30} not deterministic: {} of {} case files differ", g.file, g.differences.len(), g.compared);
                for d in g.differences.iter().take(5) {
                    let _ = writeln!(out, "            {d}");
                }
                if g.differences.len() > 5 {
                    let _ = writeln!(out, "            … and {} more", g.differences.len() - 5);
                }
            }
        }
    }
}

fn print_solution(s: &SolutionCheck, out: &mut impl Write) {
    let role = match s.role {
        Role::Reference => "reference",
        Role::Wrong => "wrong",
    };
    let got = format!("{} {}/{}", s.got.code(), s.passed, s.run);
    if let Some(why) = s.skipped.as_ref().filter(|_| s.ok()) {
        let _ = writeln!(out, "  {:<7} {:<10} {:<30} {:<9} {why}", status(true), role, s.file, "compiled");
        return;
    }
    let detail = match (s.role, s.ok()) {
        (Role::Reference, true) => format!("max {} ms CPU ({})", s.max_cpu_ms, s.slowest_case),
        (Role::Reference, false) => s.note.clone(),
        (Role::Wrong, _) if s.sensitive() => format!("want {}: SENSITIVE: {}", codes(&s.expected), s.note),
        (Role::Wrong, true) => format!("want {}: {}", codes(&s.expected), s.note),
        (Role::Wrong, false) if s.got == judge_core::Verdict::AC => format!("want {}: passes every case ({})", codes(&s.expected), s.why),
        (Role::Wrong, false) => format!("want {}: {}", codes(&s.expected), s.note),
    };
    let _ = writeln!(out, "  {:<7} {:<10} {:<30} {:<9} {detail}", status(s.ok()), role, s.file, got);
}

fn print_time_limit(r: &ProblemVerifyReport, out: &mut impl Write) {
    let t = &r.time_limit;
    let mut line = if t.slowest.is_empty() {
        format!("{} ms (no reference ran)", t.time_limit_ms)
    } else {
        format!(
            "{} ms {} {REFERENCE_MARGIN} × {} ms, the slowest reference ({})",
            t.time_limit_ms,
            if (t.slowest_ms as f64) * REFERENCE_MARGIN <= t.time_limit_ms as f64 { "≥" } else { "is BELOW" },
            t.slowest_ms,
            t.slowest
        )
    };
    if !t.sensitive.is_empty() {
        line.push_str(&format!("; SENSITIVE: {} change verdict at {TLE_MARGIN} × the limit", t.sensitive.join(", ")));
    }
    let _ = writeln!(out, "  {:<7} {:<10} {line}", status(t.ok()), "time limit");
}

/// The summary: one row per problem and language.
fn print_table(reports: &[(ProblemVerifyReport, f64)], out: &mut impl Write) {
    let w = reports.iter().map(|(r, _)| r.problem.len()).max().unwrap_or(7).max(7);
    let _ = writeln!(
        out,
        "{:<w$}  {:<6}  {:<10}  {:<16}  {:<11}  {:<10}  {:<18}  result",
        "problem", "lang", "references", "wrong rejected", "inputs", "generator", "time limit"
    );
    for (r, secs) in reports {
        let mut langs: Vec<&str> = Vec::new();
        for s in &r.solutions {
            if !langs.contains(&s.language.as_str()) {
                langs.push(&s.language);
            }
        }
        if langs.is_empty() {
            langs.push("-");
        }
        for (k, lang) in langs.iter().enumerate() {
            let of = |role: Role| r.solutions.iter().filter(move |s| s.role == role && s.language == *lang);
            let refs: Vec<&SolutionCheck> = of(Role::Reference).collect();
            let references = if refs.is_empty() {
                "-".to_string()
            } else if refs.iter().all(|s| s.ok() && s.skipped.is_some()) {
                "compiled".to_string()
            } else if refs.iter().all(|s| s.ok()) {
                format!("AC {}/{}", refs.iter().map(|s| s.passed).min().unwrap_or(0), r.cases)
            } else {
                let bad = refs.iter().find(|s| !s.ok()).map(|s| format!("{} {}/{}", s.got.code(), s.passed, s.run)).unwrap_or_default();
                format!("{bad} FAILED")
            };
            let wrong: Vec<&SolutionCheck> = of(Role::Wrong).collect();
            let wrong = if wrong.is_empty() {
                "none".to_string()
            } else {
                let good = wrong.iter().filter(|s| s.ok()).count();
                let not_run = wrong.iter().filter(|s| s.ok() && s.skipped.is_some()).count();
                let note = if not_run > 0 { format!(" ({not_run} compiled, not run)") } else { String::new() };
                // A wrong solution that was only compiled (no GPU) is not
                // counted as rejected: nothing showed that it fails.
                format!("{}/{}{}{note}", good - not_run, wrong.len(), if good == wrong.len() { "" } else { " FAILED" })
            };
            if k > 0 {
                let _ = writeln!(out, "{}", format!("{:<w$}  {:<6}  {:<10}  {}", "", lang, references, wrong).trim_end());
                continue;
            }
            let inputs = match &r.inputs {
                None => "none".to_string(),
                Some(i) if i.error.is_some() => "ERROR".to_string(),
                Some(i) if i.rejected.is_empty() => format!("{}/{}", r.cases, r.cases),
                Some(i) => format!("{}/{} FAILED", r.cases - i.rejected.len().min(r.cases), r.cases),
            };
            let generator = match &r.generator {
                None => "none".to_string(),
                Some(g) if g.ok() => "same".to_string(),
                Some(g) if g.error.is_some() => "ERROR".to_string(),
                Some(_) => "DIFFERS".to_string(),
            };
            let t = &r.time_limit;
            let tl = if !t.sensitive.is_empty() {
                "SENSITIVE".to_string()
            } else if t.slowest_ms == 0 {
                format!("{} ms", t.time_limit_ms)
            } else if t.ok() {
                format!("{} ms ({:.1}×)", t.time_limit_ms, t.time_limit_ms as f64 / t.slowest_ms as f64)
            } else {
                format!("{} ms TOO TIGHT", t.time_limit_ms)
            };
            let _ = writeln!(
                out,
                "{:<w$}  {:<6}  {:<10}  {:<16}  {:<11}  {:<10}  {:<18}  {} ({secs:.1} s)",
                r.problem,
                lang,
                references,
                wrong,
                inputs,
                generator,
                tl,
                if r.ok() { "ok" } else { "FAILED" }
            );
        }
    }
}

/// The Kattis checks of one package; `None` on a configuration error.
fn verify_package(engine: &Engine, problem: &Problem, opts: &Options, out: &mut impl Write) -> Option<bool> {
    let id = problem.id();
    let _ = writeln!(out, "judge verify {id}");
    let progress = &mut |line: &str| {
        let _ = writeln!(anstream::stderr(), "{}", judge_report::terminal_safe(line));
    };
    let cache = crate::plan::time_limit_cache_dir();
    let report = match engine.verify_with_cache(problem, opts, cache.as_deref(), progress, &mut |c| {
        let mut out = SafeOut(stdout());
        let status = if c.skipped {
            "skipped"
        } else if c.agrees() {
            "ok"
        } else {
            "MISMATCH"
        };
        let got = c.got.map(|v| v.code().to_string()).unwrap_or_else(|| "-".into());
        let want: Vec<&str> = c.expected.iter().map(|v| v.code()).collect();
        let name = c.path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let _ = writeln!(
            out,
            "  {:<9} {:<22} {:<28} got {:<4} want {:<16} {} ms  {}",
            status,
            c.folder,
            name,
            got,
            want.join("/"),
            c.max_cpu_ms,
            if status == "ok" { String::new() } else { c.note.clone() }
        );
    }) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(out, "  ERROR: {e}\n");
            return None;
        }
    };
    let _ = writeln!(out, "  time limit: {} ms ({})", report.time_limit_ms, report.time_limit_note);
    for note in &report.notes {
        let _ = writeln!(out, "  note: {note}");
    }
    if report.inputs.is_empty() && report.inputs_not_run.is_empty() {
        let _ = writeln!(out, "  input validation: no input validators in the package");
    }
    for (name, why) in &report.inputs_not_run {
        let _ = writeln!(out, "  input validator {name}: NOT RUN ({why})");
    }
    for i in &report.inputs {
        match (&i.error, i.rejected.is_empty()) {
            (Some(e), _) => {
                let _ = writeln!(out, "  input validator {}: FAILED to run: {e}", i.validator);
            }
            (None, true) => {
                let _ = writeln!(out, "  input validator {}: all {} inputs valid", i.validator, problem.cases.len());
            }
            (None, false) => {
                for (case, msg) in &i.rejected {
                    let _ = writeln!(out, "  input validator {}: REJECTED {case}: {msg}", i.validator);
                }
            }
        }
    }
    let agree = report.submissions.iter().filter(|c| !c.skipped && c.agrees()).count();
    let skipped = report.submissions.iter().filter(|c| c.skipped).count();
    let bad = report.submissions.len() - agree - skipped;
    let _ = writeln!(out, "  {}: {agree} as promised, {bad} not, {skipped} skipped\n", if report.ok() { "OK" } else { "FAILED" });
    Some(report.ok())
}
