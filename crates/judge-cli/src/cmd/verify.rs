//! `judge verify DIR`: Kattis/ICPC problem packages.

use crate::args::RegistryArgs;
use crate::error::{internal, usage, CmdResult};
use crate::output::{stdout, SafeOut};
use anyhow::anyhow;
use judge_core::ExitCode;
use judge_engine::{Engine, Options};
use judge_lang::LanguageTable;
use judge_registry::Registry;
use std::io::Write;
use std::path::Path;

/// `judge verify DIR`: exit 0 when every package agrees, 1 when some
/// submission or input disagrees, 2 on configuration errors.
pub fn verify(dir: &Path, reg: &RegistryArgs) -> CmdResult {
    let registry = Registry::open(dir).map_err(usage)?;
    let languages = LanguageTable::load(reg.runners.as_deref()).map_err(usage)?;
    let helper = std::env::current_exe().map_err(internal)?;
    let engine = Engine::new(helper, languages);
    // Package authors see their own data: no hiding of secret cases.
    let opts = Options { reveal: true, ..Default::default() };
    let mut all_ok = true;
    let mut any = false;
    let mut out = SafeOut(stdout());
    let mut config_errors = 0;
    for id in registry.ids() {
        let problem = match registry.problem(id) {
            Ok(p) => p,
            Err(judge_registry::RegistryError::Unsupported { file, message }) => {
                any = true;
                let _ = writeln!(out, "judge verify {id}\n  skipped: {message} ({file})\n");
                continue;
            }
            Err(e) => {
                // One broken package does not hide the others.
                any = true;
                config_errors += 1;
                let _ = writeln!(out, "judge verify {id}\n  ERROR: {e}\n");
                continue;
            }
        };
        if problem.package.is_none() {
            continue;
        }
        any = true;
        let _ = writeln!(out, "judge verify {id}");
        let progress = &mut |line: &str| {
            let _ = writeln!(anstream::stderr(), "{}", judge_report::terminal_safe(line));
        };
        let cache = crate::plan::time_limit_cache_dir();
        let report = match engine.verify_with_cache(&problem, &opts, cache.as_deref(), progress, &mut |c| {
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
                config_errors += 1;
                let _ = writeln!(out, "  ERROR: {e}\n");
                continue;
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
        all_ok &= report.ok();
    }
    if !any {
        return Err(usage(anyhow!("{}: no problem package here (expected problem.yaml and data/)", dir.display())));
    }
    if config_errors > 0 {
        return Err(usage(anyhow!("{config_errors} package(s) could not be verified (see ERROR above)")));
    }
    Ok(if all_ok { ExitCode::Accepted } else { ExitCode::Rejected })
}

