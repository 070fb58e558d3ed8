//! Flags → a validated plan. `judge run` and `judge watch` resolve their
//! [`JudgeArgs`] here, once, into everything the engine needs: the registry
//! and problem, the language and toolchain overrides, the submission, the
//! options and the case selection. Errors name the file and what was expected.

use crate::args::{FormatArg, JudgeArgs, RegistryArgs, ToolchainArgs};
use crate::error::{internal, usage, CliError};
use anyhow::{anyhow, Context};
use judge_engine::{Engine, Options, Selection, Submission};
use judge_lang::LanguageTable;
use judge_registry::{Problem, Registry};
use judge_report::terminal_safe;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// The registry the flags name: `--problems DIR` / `$JUDGE_PROBLEMS`, else the embedded one.
pub fn registry(args: &RegistryArgs) -> Result<Registry, CliError> {
    match &args.problems {
        Some(dir) => Registry::open(dir).map_err(usage),
        None => Ok(Registry::embedded()),
    }
}

/// Where derived package time limits are cached:
/// `$XDG_CACHE_HOME/judge/time-limits`, else `$HOME/.cache/judge/time-limits`;
/// `None` (no caching) when neither variable is set.
pub fn time_limit_cache_dir() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|h| std::path::PathBuf::from(h).join(".cache")))?;
    Some(base.join("judge").join("time-limits"))
}

/// A judging, resolved from the flags.
pub struct RunPlan {
    /// The engine (sandbox, language table).
    pub engine: Engine,
    /// Where the problem came from (reloaded by `judge watch` when it is a directory).
    pub registry: Registry,
    /// The problem.
    pub problem: Arc<Problem>,
    /// The submission as read now.
    pub submission: Submission,
    /// Engine options.
    pub opts: Options,
    /// Which cases, in which order.
    pub selection: Selection,
    /// Output format.
    pub format: FormatArg,
    /// The language's display name (`Python 3`).
    pub language_name: String,
    /// Width of the case-id column of the human report.
    pub id_width: usize,
}

impl RunPlan {
    /// Read the submission file again (it changed).
    pub fn reread(&mut self) -> Result<(), CliError> {
        self.submission.source = read_source(&self.submission.path)?;
        Ok(())
    }

    /// Load the problem again from its registry (its files changed).
    pub fn reload_problem(&mut self, args: &JudgeArgs) -> Result<(), CliError> {
        self.registry = open_registry(args)?;
        self.problem = Arc::new(self.registry.problem(self.problem.id()).map_err(usage)?);
        Ok(())
    }
}

fn read_source(path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display())).map_err(usage)
}

fn open_registry(args: &JudgeArgs) -> Result<Registry, CliError> {
    match &args.package {
        Some(dir) => Registry::package(dir).map_err(usage),
        None => registry(&args.registry),
    }
}

/// Resolve `judge run`/`judge watch` flags.
pub fn resolve(args: &JudgeArgs) -> Result<RunPlan, CliError> {
    let registry = open_registry(args)?;
    let source = read_source(&args.file)?;
    let languages = LanguageTable::load(args.registry.runners.as_deref()).map_err(usage)?;
    let language = match args.lang {
        Some(l) => l.id().to_string(),
        None => {
            let ext = args.file.extension().and_then(|e| e.to_str()).unwrap_or("");
            languages.by_extension(ext).map(|l| l.id.clone()).ok_or_else(|| {
                let known: Vec<String> = languages.languages.values().flat_map(|l| l.extensions.iter().map(|e| format!(".{e}"))).collect();
                usage(anyhow!("{}: unsupported extension `.{ext}`; expected one of {} (or pass --lang)", args.file.display(), known.join(" ")))
            })?
        }
    };
    let id = match (&args.problem, registry.single()) {
        (Some(p), _) => p.clone(),
        (None, Some(single)) => single.id().to_string(),
        (None, None) => detect_problem(&args.file, &source, &registry).map_err(usage)?,
    };
    let mut problem = registry.problem(&id).map_err(usage)?;
    let helper = std::env::current_exe().context("cannot find the judge binary").map_err(internal)?;
    let engine = Engine::new(helper, languages);
    let mut opts = Options {
        fail_fast: args.fail_fast,
        reveal: args.reveal,
        strict_sandbox: args.strict_sandbox,
        isolate: args.isolate,
        jobs: args.jobs as usize,
        ..Default::default()
    };
    opts.toolchain_overrides = toolchain_overrides(&engine, &args.toolchain)?;
    opts.std = args.std.clone();
    if problem.package.is_some() {
        let progress = &mut |line: &str| {
            let _ = writeln!(anstream::stderr(), "{}", terminal_safe(line));
        };
        let tl = engine.cached_package_time_limit(&problem, &opts, time_limit_cache_dir().as_deref(), progress)?;
        let (ms, note) = (tl.ms, tl.note);
        problem.manifest.limits.time_ms = ms;
        problem.manifest.limits.wall_ms = None;
        if args.format == FormatArg::Human {
            let _ = writeln!(anstream::stderr(), "{}", terminal_safe(&format!("time limit {ms} ms ({note})")));
        }
    }
    let selection = Selection { samples_only: args.samples, ids: args.cases.clone(), first: Vec::new(), fail_fast: args.fail_fast };
    // Unknown --case ids are an error before anything runs.
    selection.pick(&problem)?;
    let id_width = problem
        .cases
        .iter()
        .map(|c| if c.hidden && !args.reveal { "hidden/".len() + 3 } else { c.id.len() })
        .max()
        .unwrap_or(8);
    let language_name = engine.languages().get(&language).map(|l| l.name.clone()).unwrap_or(language.clone());
    let submission = Submission { path: args.file.clone(), source, language };
    Ok(RunPlan {
        engine,
        registry,
        problem: Arc::new(problem),
        submission,
        opts,
        selection,
        format: args.format,
        language_name,
        id_width,
    })
}

/// The per-language toolchain overrides of the command line: `--toolchain
/// LANG=PATH` (repeatable), with `--python`, `--cxx` and `--nvcc` short for
/// `python=`, `cpp=` and `cuda=`. A language the table does not have, or an
/// entry without `=`, is a usage error.
pub fn toolchain_overrides(engine: &Engine, args: &ToolchainArgs) -> Result<Vec<(String, String)>, CliError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (lang, v) in [("python", &args.python), ("cpp", &args.cxx), ("cuda", &args.nvcc)] {
        if let Some(p) = v {
            out.push((lang.into(), p.clone()));
        }
    }
    for t in &args.toolchains {
        let (lang, path) = t
            .split_once('=')
            .filter(|(l, p)| !l.is_empty() && !p.is_empty())
            .ok_or_else(|| usage(anyhow!("--toolchain `{t}`: expected LANG=PATH, e.g. cuda=/usr/local/cuda/bin/nvcc")))?;
        engine.languages().get(lang).map_err(|e| usage(anyhow!("--toolchain `{t}`: {e}")))?;
        out.retain(|(l, _)| l != lang);
        out.push((lang.into(), path.into()));
    }
    Ok(out)
}

/// The problem of a file: a `judge: <id>` marker in its first 10 lines, else
/// its file name: a problem id (`longest_clean_span.py` →
/// `longest-clean-span`) or the name of a problem's function
/// (`sample_top_k.py`, as `judge new` names it).
pub fn detect_problem(file: &Path, source: &[u8], registry: &Registry) -> anyhow::Result<String> {
    let text = String::from_utf8_lossy(source);
    for line in text.lines().take(10) {
        if let Some(i) = line.find("judge:") {
            let id = line[i + 6..].trim().trim_end_matches("*/").trim();
            if !id.is_empty() {
                return Ok(id.to_string());
            }
        }
    }
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let candidate = stem.replace('_', "-").to_lowercase();
    if registry.ids().contains(&candidate) {
        return Ok(candidate);
    }
    for id in registry.ids() {
        let Ok(m) = registry.manifest(id) else { continue };
        let name = m.function.as_ref().and_then(|f| judge_core::Signature::parse(&f.signature).ok()).map(|s| s.name);
        if name.as_deref() == Some(stem) {
            return Ok(id.clone());
        }
    }
    Err(anyhow!(
        "{}: cannot tell which problem this solves: pass --problem ID, add a `judge: <id>` comment in its first lines, or name the file after the problem or its function (known: {})",
        file.display(),
        registry.ids().join(", ")
    ))
}
