//! The engine: compile → run every case in the sandbox → check → classify,
//! emitting an [`Event`] per step for the reporters.
//!
//! One run directory per submission (removed afterwards):
//! ```text
//! judge-XXXX/          0711 root    (when the judge runs as root)
//!   driver/            0755 root    driver files, solution source, compiled binary (read-only to the program)
//!   sources/           0700 root    the compiler's sources (copied into its private tmpfs by the sandbox)
//!   build/             0700 uid     mount point of the compiler's private tmpfs (charged to its memory limit);
//!                                   the binary is copied out once, by the sandbox, into driver/
//!   private/           0700 root    case inputs and checker inputs (opened by the judge, passed as stdin)
//!   work-N/            0700 uid     a fresh working directory per case
//! ```
//! Expected answers never leave the judge process.

mod case;
pub mod redact;
mod rundir;
pub mod verify;

use judge_check::{CheckerCommand, FloatTolerance, OutputChecker, OutputInterface, ProgramChecker, TextChecker};
use judge_core::{Cause, CaseReport, Report, SandboxReport, Verdict};
use judge_lang::{LanguageConfig, LanguageTable, ResolvedToolchain, Target};
use judge_registry::{CheckerInterface, CheckerSpec, Problem, ProblemKind};
use judge_sandbox::{Collect, Collected, RunSpec, Sandbox};
use std::path::{Path, PathBuf};

pub use judge_core::report::SCHEMA_VERSION;

/// Configuration errors (exit code 2): the submission could not be judged
/// because of how the judge was asked, not because of the judge.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// Language table or toolchain problem.
    #[error(transparent)]
    Lang(#[from] judge_lang::LangError),
    /// Anything else about the request.
    #[error("{0}")]
    Config(String),
}

/// Options of one judging.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Stop at the first case that is not AC; later cases are counted in `Report::skipped`.
    pub fail_fast: bool,
    /// Include hidden cases' data in the case details.
    pub reveal: bool,
    /// Interpreter/compiler overrides by language id (`python` → path).
    pub toolchain_overrides: Vec<(String, String)>,
    /// Refuse to judge unless every sandbox layer is in force (CI grading).
    pub strict_sandbox: bool,
}

/// A submission to judge.
#[derive(Debug, Clone)]
pub struct Submission {
    /// Where it came from (for messages).
    pub path: PathBuf,
    /// Its source.
    pub source: Vec<u8>,
    /// Language id (`python`, `cpp`).
    pub language: String,
}

/// Progress of a judging, for live reporters.
#[derive(Debug, Clone)]
pub enum Event<'a> {
    /// The toolchain was resolved; compilation (or the syntax check) starts.
    Compiling { toolchain: &'a judge_core::Toolchain },
    /// A case is about to run.
    CaseStarted { id: &'a str, index: usize, total: usize },
    /// A case finished.
    CaseFinished { case: &'a CaseReport, index: usize, total: usize },
}

/// The judging engine: a sandbox and a language table.
pub struct Engine {
    sandbox: Sandbox,
    languages: LanguageTable,
    helper: PathBuf,
}

const COMPILE_CPU_MS: u64 = 60_000;
const COMPILE_MEMORY_KIB: u64 = 2 << 20;
const COMPILE_LOG_BYTES: usize = 64 << 10;
/// Largest compiled program (submission or checker) taken out of the compiler's tmpfs, bytes.
const COMPILE_ARTIFACT_BYTES: u64 = 128 << 20;

impl Engine {
    /// An engine whose sandbox re-executes `helper` (the `judge` binary).
    pub fn new(helper: PathBuf, languages: LanguageTable) -> Engine {
        Engine { sandbox: Sandbox::new(helper.clone()), languages, helper }
    }

    /// The sandbox in use.
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// The language table.
    pub fn languages(&self) -> &LanguageTable {
        &self.languages
    }

    /// Resolve a language's toolchain, honouring overrides.
    pub fn toolchain(&self, lang: &LanguageConfig, opts: &Options) -> Result<ResolvedToolchain, EngineError> {
        let ov = opts.toolchain_overrides.iter().find(|(l, _)| *l == lang.id).map(|(_, c)| c.as_str());
        Ok(judge_lang::discover(lang, ov)?)
    }

    /// Judge a submission against every case of a problem.
    ///
    /// Returns `Err` only for configuration errors; the judge's own failures
    /// become IE verdicts inside the report.
    pub fn judge(
        &self,
        problem: &Problem,
        sub: &Submission,
        opts: &Options,
        on_event: &mut dyn FnMut(Event<'_>),
    ) -> Result<Report, EngineError> {
        if opts.strict_sandbox {
            let layers = self
                .sandbox
                .probe()
                .map_err(|e| EngineError::Config(format!("--strict-sandbox: the sandbox does not work here: {e}")))?;
            if !layers.missing.is_empty() {
                return Err(EngineError::Config(format!(
                    "--strict-sandbox: refusing to judge, sandbox layers missing: {} (see `judge doctor`)",
                    layers.missing.join("; ")
                )));
            }
        }
        let lang = self.languages.get(&sub.language)?.clone();
        let toolchain = self.toolchain(&lang, opts)?;
        tracing::info!(problem = problem.id(), language = %lang.id, exe = %toolchain.exe.display(), version = %toolchain.info.version, "toolchain resolved");
        let target = match (&problem.manifest.kind, &problem.signature) {
            (ProblemKind::Function, Some(sig)) => Target::Function(sig),
            _ => Target::Stdio,
        };
        let mut report = Report {
            schema_version: SCHEMA_VERSION,
            problem: problem.id().to_string(),
            language: lang.id.clone(),
            toolchain: Some(toolchain.info.clone()),
            verdict: Verdict::IE,
            passed: 0,
            total: problem.cases.len(),
            skipped: 0,
            compile: None,
            cases: Vec::new(),
            sandbox: SandboxReport::default(),
        };
        let internal = |report: &mut Report, detail: String| {
            report.verdict = Verdict::IE;
            report.compile = Some(Cause::Internal { detail });
        };
        let dir = match rundir::RunDir::create(self.sandbox.uid()) {
            Ok(d) => d,
            Err(e) => {
                internal(&mut report, format!("cannot create the run directory: {e}"));
                return Ok(report);
            }
        };
        let hidden = self.hidden_paths(problem, sub);
        let plan = judge_lang::plan(&lang, &toolchain, &self.languages.files, target, &sub.source, &dir.driver)?;
        if let Err(e) = dir.install_driver_files(&plan.driver_files) {
            internal(&mut report, format!("cannot write driver files: {e}"));
            return Ok(report);
        }
        tracing::info!(driver = %dir.driver.display(), "run directory ready");
        on_event(Event::Compiling { toolchain: &toolchain.info });
        if let Some(build) = &plan.build {
            let user_file = sub.path.file_name().map(|n| n.to_string_lossy().into_owned());
            match self.build(&dir, build, &plan, &hidden, user_file) {
                Ok(layers) => report.sandbox = layers,
                Err(BuildFailure::Compile(cause)) => {
                    report.verdict = Verdict::CE;
                    report.compile = Some(cause);
                    return Ok(report);
                }
                Err(BuildFailure::Internal(detail)) => {
                    internal(&mut report, detail);
                    return Ok(report);
                }
            }
        }
        let limits = problem.manifest.limits();
        let checker = match &problem.manifest.checker {
            CheckerSpec::Typed { float_abs, float_rel } => case::Checker::Typed(FloatTolerance {
                abs: float_abs.unwrap_or(1e-9),
                rel: float_rel.unwrap_or(1e-9),
            }),
            CheckerSpec::Exact
            | CheckerSpec::Lines
            | CheckerSpec::Tokens { .. }
            | CheckerSpec::Float { .. }
            | CheckerSpec::Unordered
            | CheckerSpec::KattisDefault { .. } => {
                case::Checker::Text(text_checker(&problem.manifest.checker).expect("a text checker"))
            }
            CheckerSpec::Program { interface, args, .. } => {
                let cmd = match self.checker_command(problem, &dir, opts, &hidden) {
                    Ok(c) => c,
                    Err(SetupError::Config(e)) => return Err(EngineError::Config(format!("problem `{}`: {e}", problem.id()))),
                    Err(SetupError::Internal(e)) => {
                        internal(&mut report, e);
                        return Ok(report);
                    }
                };
                match interface.unwrap_or(CheckerInterface::Json) {
                    CheckerInterface::Json => {
                        let workdir = match dir.fresh_workdir("checker") {
                            Ok(w) => w,
                            Err(e) => {
                                internal(&mut report, e.to_string());
                                return Ok(report);
                            }
                        };
                        case::Checker::Program(Box::new(ProgramChecker { cmd, private_dir: dir.private.clone(), workdir }))
                    }
                    CheckerInterface::Kattis => case::Checker::Output(Box::new(OutputChecker {
                        cmd,
                        interface: OutputInterface::Kattis(args.clone()),
                    })),
                    CheckerInterface::Testlib => {
                        case::Checker::Output(Box::new(OutputChecker { cmd, interface: OutputInterface::Testlib }))
                    }
                }
            }
        };
        let ctx = case::CaseContext {
            sandbox: &self.sandbox,
            dir: &dir,
            plan: &plan,
            lang: &lang.id,
            limits: &limits,
            signature: problem.signature.as_ref(),
            checker: &checker,
            reveal: opts.reveal,
            samples: problem.cases.iter().filter(|c| !c.hidden).count(),
            hidden: &hidden,
            uid: self.sandbox.uid(),
        };
        let total = problem.cases.len();
        let mut stop = false;
        for (index, c) in problem.cases.iter().enumerate() {
            if stop {
                report.skipped += 1;
                continue;
            }
            on_event(Event::CaseStarted { id: &c.id, index, total });
            let (case_report, layers) = case::run_case(&ctx, c, index);
            tracing::info!(case = %case_report.id, verdict = %case_report.verdict, cpu_ms = case_report.cpu_ms, memory_kib = case_report.memory_kib, "case judged");
            if let Some(layers) = layers {
                merge_layers(&mut report.sandbox, layers);
            }
            on_event(Event::CaseFinished { case: &case_report, index, total });
            if case_report.verdict != Verdict::AC && opts.fail_fast {
                stop = true;
            }
            report.cases.push(case_report);
        }
        report.passed = report.cases.iter().filter(|c| c.verdict == Verdict::AC).count();
        report.verdict = Report::overall(&report.cases);
        if opts.strict_sandbox && !report.sandbox.missing.is_empty() {
            let detail = format!("--strict-sandbox: a layer was missing during the run: {}", report.sandbox.missing.join("; "));
            internal(&mut report, detail);
        }
        Ok(report)
    }

    /// What the program must not see: the problem's directory (its answers),
    /// the judge's binary (which embeds the default registry and its answers),
    /// the folder of the submission (the user's other files) and `$HOME`.
    fn hidden_paths(&self, problem: &Problem, sub: &Submission) -> Vec<PathBuf> {
        let mut hidden = Vec::new();
        if let Some(d) = &problem.dir {
            hidden.push(d.clone());
            // The rest of the registry too: sibling problems, file sizes of answers.
            if let Some(root) = d.parent() {
                hidden.push(root.to_path_buf());
            }
        }
        if let Some(src) = judge_registry::embedded_source_dir() {
            hidden.push(src);
        }
        hidden.push(self.helper.clone());
        if let Some(d) = std::path::absolute(&sub.path).ok().and_then(|p| p.parent().map(Path::to_path_buf)) {
            hidden.push(d);
        }
        if let Some(home) = std::env::var_os("HOME").map(PathBuf::from).filter(|h| h.is_absolute() && h != Path::new("/")) {
            hidden.push(home);
        }
        hidden.retain(|p| p != Path::new("/") && p.exists());
        hidden
    }

    /// Install, and compile if needed, the problem's checker program.
    /// Errors are the problem's or the judge's fault (IE), never the submission's.
    fn checker_command(&self, problem: &Problem, dir: &rundir::RunDir, opts: &Options, hidden: &[PathBuf]) -> Result<CheckerCommand, SetupError> {
        let prog = problem
            .checker_program
            .as_ref()
            .ok_or_else(|| SetupError::Internal("the manifest names a checker program but none was loaded".into()))?;
        self.program_command(prog, dir, opts, hidden)
    }

    /// Install, and compile if it is C++, a problem's helper program
    /// (checker, validator) in its own folder of the run directory.
    fn program_command(
        &self,
        prog: &judge_registry::CheckerProgram,
        dir: &rundir::RunDir,
        opts: &Options,
        hidden: &[PathBuf],
    ) -> Result<CheckerCommand, SetupError> {
        use SetupError::{Config, Internal};
        let checker_dir = dir.fresh_program_dir().map_err(|e| Internal(e.to_string()))?;
        for (name, bytes) in &prog.files {
            rundir::install_readonly(&checker_dir, name, bytes).map_err(|e| Internal(format!("cannot install the checker: {e}")))?;
        }
        let entry = checker_dir.join(&prog.entry);
        let base = |program: PathBuf, argv: Vec<String>, reachable: Vec<PathBuf>| CheckerCommand {
            program,
            argv,
            reachable,
            readable: vec![checker_dir.clone()],
            hidden: hidden.to_vec(),
            cpu_ms: 10_000,
            memory_kib: 1 << 20,
        };
        if prog.entry.ends_with(".py") {
            let py = self.languages.get("python").map_err(|e| Config(e.to_string()))?;
            let tc = self.toolchain(py, opts).map_err(|e| Config(format!("the checker needs Python: {e}")))?;
            // Compile it first, so that a syntax error is the problem's
            // configuration error rather than a WA on every case.
            let work = dir.fresh_workdir("checker-check").map_err(|e| Internal(e.to_string()))?;
            let argv = vec![
                tc.exe.display().to_string(),
                "-I".into(),
                "-S".into(),
                "-B".into(),
                "-c".into(),
                "import sys; compile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec')".into(),
                entry.display().to_string(),
            ];
            let spec = compile_spec(&tc.exe, argv, &work, tc.reachable.clone(), vec![checker_dir.clone()], hidden);
            let o = self.sandbox.run(&spec).map_err(|e| Internal(format!("the checker could not be checked: {e}")))?;
            if o.measurement.termination != judge_core::Termination::Exited(0) {
                let err = String::from_utf8_lossy(&o.stderr.data);
                let last = err.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string();
                return Err(Config(format!("the checker {} does not compile: {last}", prog.entry)));
            }
            let argv = vec![tc.exe.display().to_string(), "-I".into(), "-B".into(), entry.display().to_string()];
            return Ok(base(tc.exe.clone(), argv, tc.reachable.clone()));
        }
        // C++: compile it in the sandbox like a submission, headers beside it.
        let cpp = self.languages.get("cpp").map_err(|e| Config(e.to_string()))?;
        let tc = self.toolchain(cpp, opts).map_err(|e| Config(format!("the checker needs a C++ compiler: {e}")))?;
        let build = dir.fresh_workdir("checker-build").map_err(|e| Internal(e.to_string()))?;
        let argv = vec![
            tc.exe.display().to_string(),
            "-std=c++17".into(),
            "-O2".into(),
            "-pipe".into(),
            "-fdiagnostics-color=never".into(),
            "-o".into(),
            "checker.bin".into(),
            prog.entry.clone(),
        ];
        // The sources are seeded from the checker's folder into the compiler's
        // private tmpfs; the binary is copied back into that folder once.
        let mut spec = compile_spec(&tc.exe, argv, &build, Vec::new(), vec![checker_dir.clone()], hidden);
        spec.seed_dir = Some(checker_dir.clone());
        spec.collect = Some(Collect { name: "checker.bin".into(), into: checker_dir.clone(), max_bytes: COMPILE_ARTIFACT_BYTES });
        let o = self.sandbox.run(&spec).map_err(|e| Internal(format!("the checker could not be compiled: {e}")))?;
        let _ = std::fs::remove_dir(&build);
        let does_not_compile = |why: String| Config(format!("the checker {} does not compile: {why}", prog.entry));
        if o.measurement.termination != judge_core::Termination::Exited(0) || o.measurement.killed_for_cpu || o.measurement.killed_for_wall {
            let log = judge_lang::clean_compiler_output(&o.stderr.data, 4096);
            return Err(does_not_compile(strip_dir(&log.first_error, &build)));
        }
        match o.collected {
            Some(Collected::Copied(_)) => {}
            Some(Collected::TooLarge(_)) => return Err(does_not_compile(format!("the compiled program is larger than {} MiB", COMPILE_ARTIFACT_BYTES >> 20))),
            Some(Collected::NotRegular) => return Err(does_not_compile("the compiler left checker.bin as something other than a regular file".into())),
            Some(Collected::Missing) | None => return Err(does_not_compile("the compiler wrote no binary".into())),
            Some(Collected::Failed(e)) => return Err(Internal(format!("cannot install the checker: {e}"))),
        }
        let installed = checker_dir.join("checker.bin");
        Ok(base(installed.clone(), vec![installed.display().to_string()], Vec::new()))
    }

    fn build(
        &self,
        dir: &rundir::RunDir,
        build: &judge_lang::BuildStep,
        plan: &judge_lang::Plan,
        hidden: &[PathBuf],
        user_file: Option<String>,
    ) -> Result<SandboxReport, BuildFailure> {
        let total: u64 = build.files.iter().map(|(_, b)| b.len() as u64).sum();
        if total > judge_sandbox::SEED_MAX_BYTES {
            return Err(BuildFailure::Compile(Cause::Compile {
                first_error: format!("the source is larger than {} MiB", judge_sandbox::SEED_MAX_BYTES >> 20),
                log: String::new(),
            }));
        }
        for (name, bytes) in &build.files {
            dir.write_build_file(name, bytes).map_err(|e| BuildFailure::Internal(format!("cannot write {name}: {e}")))?;
        }
        let mut spec = compile_spec(&build.program, build.argv.clone(), &dir.build, plan.reachable.clone(), vec![dir.driver.clone()], hidden);
        spec.seed_dir = Some(dir.sources.clone());
        spec.collect = build
            .artifact
            .as_ref()
            .map(|a| Collect { name: a.clone(), into: dir.driver.clone(), max_bytes: COMPILE_ARTIFACT_BYTES });
        let outcome = self.sandbox.run(&spec).map_err(|e| BuildFailure::Internal(format!("compilation could not run: {e}")))?;
        let m = &outcome.measurement;
        let mut log = outcome.stdout.data.clone();
        log.extend_from_slice(&outcome.stderr.data);
        // The solution is compiled as solution.py/.cpp in a temporary folder:
        // name the user's file instead, and no temporary path.
        let rename = |s: String| {
            let s = strip_dir(&s, &dir.build);
            match user_file.as_deref() {
                Some(u) => s.replace("solution.py", u).replace("solution.cpp", u),
                None => s,
            }
        };
        if m.killed_for_cpu || m.killed_for_wall {
            return Err(BuildFailure::Compile(Cause::Compile {
                first_error: format!("compilation took longer than {} s", COMPILE_CPU_MS / 1000),
                log: rename(judge_lang::clean_compiler_output(&log, COMPILE_LOG_BYTES).log),
            }));
        }
        if m.termination != judge_core::Termination::Exited(0) {
            let cleaned = judge_lang::clean_compiler_output(&log, COMPILE_LOG_BYTES);
            return Err(BuildFailure::Compile(Cause::Compile {
                first_error: rename(cleaned.first_error),
                log: rename(cleaned.log),
            }));
        }
        if let Some(artifact) = &build.artifact {
            let compile_error = |first_error: String| {
                BuildFailure::Compile(Cause::Compile {
                    first_error,
                    log: rename(judge_lang::clean_compiler_output(&log, COMPILE_LOG_BYTES).log),
                })
            };
            match &outcome.collected {
                Some(Collected::Copied(_)) => {}
                Some(Collected::TooLarge(_)) => {
                    return Err(compile_error(format!("the compiled program is larger than {} MiB", COMPILE_ARTIFACT_BYTES >> 20)))
                }
                Some(Collected::NotRegular) => {
                    return Err(compile_error(format!("the compiler left `{artifact}` as something other than a regular file")))
                }
                Some(Collected::Missing) | None => {
                    return Err(BuildFailure::Internal(format!(
                        "the compiler {} exited with status 0 but wrote no `{artifact}`: is it a working C++ compiler?",
                        build.program.display()
                    )))
                }
                Some(Collected::Failed(e)) => return Err(BuildFailure::Internal(format!("cannot install the binary: {e}"))),
            }
        }
        Ok(outcome.layers)
    }
}

/// Why a checker or validator program could not be prepared.
pub(crate) enum SetupError {
    /// The problem's fault (it does not compile): a configuration error, exit 2.
    Config(String),
    /// The judge's fault: IE.
    Internal(String),
}

impl std::fmt::Display for SetupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SetupError::Config(s) | SetupError::Internal(s) => f.write_str(s),
        }
    }
}

enum BuildFailure {
    Compile(Cause),
    Internal(String),
}

fn merge_layers(into: &mut SandboxReport, from: SandboxReport) {
    for l in from.enforced {
        if !into.enforced.contains(&l) {
            into.enforced.push(l);
        }
    }
    for l in from.missing {
        if !into.missing.contains(&l) {
            into.missing.push(l);
        }
    }
}

/// The text checker a checker spec names (`None` for typed and program checkers).
pub(crate) fn text_checker(spec: &CheckerSpec) -> Option<TextChecker> {
    Some(match spec {
        CheckerSpec::Exact => TextChecker::Exact,
        CheckerSpec::Lines => TextChecker::Lines,
        CheckerSpec::Tokens { case_insensitive } => TextChecker::Tokens { case_insensitive: *case_insensitive },
        CheckerSpec::Float { abs, rel, case_insensitive } => TextChecker::Float {
            tol: FloatTolerance { abs: abs.unwrap_or(0.0), rel: rel.unwrap_or(0.0) },
            case_insensitive: *case_insensitive,
        },
        CheckerSpec::Unordered => TextChecker::Unordered,
        CheckerSpec::KattisDefault { float_abs, float_rel, case_sensitive, space_change_sensitive } => {
            let tol = (float_abs.is_some() || float_rel.is_some())
                .then(|| FloatTolerance { abs: float_abs.unwrap_or(0.0), rel: float_rel.unwrap_or(0.0) });
            TextChecker::KattisDefault { tol, case_sensitive: *case_sensitive, space_sensitive: *space_change_sensitive }
        }
        CheckerSpec::Typed { .. } | CheckerSpec::Program { .. } => return None,
    })
}

/// Remove the absolute path of a compiler's work directory from its messages
/// (`/tmp/judge-XXXX/build/ccA1.o` becomes `ccA1.o`).
fn strip_dir(text: &str, dir: &Path) -> String {
    let d = dir.display().to_string();
    text.replace(&format!("{d}/"), "").replace(&d, ".")
}

/// The run of a compiler (or Python's syntax check) with a private tmpfs at
/// `workdir` (its pages are charged to the run's memory limit; nothing reaches
/// the host's disk): 60 s CPU, 2 GiB, 16 MiB of output of which 4 MiB are
/// kept, 512 MiB files and tmpfs.
fn compile_spec(
    program: &Path,
    argv: Vec<String>,
    workdir: &Path,
    reachable: Vec<PathBuf>,
    readable: Vec<PathBuf>,
    hidden: &[PathBuf],
) -> RunSpec {
    let mut spec = RunSpec::new(program, argv, workdir);
    spec.env = base_env(workdir);
    spec.cpu_ms = COMPILE_CPU_MS;
    spec.wall_ms = COMPILE_CPU_MS * 2;
    spec.memory_kib = Some(COMPILE_MEMORY_KIB);
    spec.output_bytes = 16 << 20;
    spec.capture_bytes = 4 << 20;
    spec.file_size_bytes = 512 << 20;
    spec.processes = 64;
    spec.open_files = 256;
    spec.reachable = reachable;
    spec.readable = readable;
    spec.hidden = hidden.to_vec();
    spec.private_workdir = true;
    spec
}

/// The environment a sandboxed program gets; nothing else is inherited.
///
/// `PATH`, `HOME`/`TMPDIR` (the work directory), a UTF-8 locale, Python's
/// hash seed fixed to 0 and its I/O encoding to UTF-8 (reproducible runs),
/// one thread for OpenMP/OpenBLAS/MKL (fair CPU time), and
/// `OPENBLAS_CORETYPE`/`OPENBLAS_L2_SIZE` passed through when set (older
/// OpenBLAS builds crash without them on some processors).
pub fn base_env(workdir: &Path) -> Vec<(String, String)> {
    let w = workdir.display().to_string();
    let mut env: Vec<(String, String)> = [
        ("PATH", "/usr/local/bin:/usr/bin:/bin"),
        ("LANG", "C.UTF-8"),
        ("LC_ALL", "C.UTF-8"),
        ("PYTHONHASHSEED", "0"),
        ("PYTHONIOENCODING", "utf-8"),
        ("PYTHONDONTWRITEBYTECODE", "1"),
        ("OMP_NUM_THREADS", "1"),
        ("OPENBLAS_NUM_THREADS", "1"),
        ("MKL_NUM_THREADS", "1"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    env.push(("HOME".into(), w.clone()));
    env.push(("TMPDIR".into(), w));
    for k in ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"] {
        if let Ok(v) = std::env::var(k) {
            env.push((k.into(), v));
        }
    }
    env
}
