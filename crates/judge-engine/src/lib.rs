//! The engine: compile → run every case in the sandbox → check → classify,
//! emitting an owned, timestamped [`Event`] per step to a [`Reporter`].
//!
//! Three stages, each callable on its own (so `judge watch` re-judges without
//! redoing what did not change, and `judge grade` runs many submissions):
//! 1. [`Engine::prepare`]: everything about a problem that does not depend on
//!    the submission (limits, the checker program compiled once, the hidden
//!    paths; the `--strict-sandbox` probe is done once per engine);
//! 2. [`Engine::build`]: the submission compiled (or Python's syntax check)
//!    into a [`Build`] whose artifact outlives each case's run;
//! 3. [`Engine::run_cases`]: a [`Selection`] of cases, in its order.
//!
//! [`Engine::judge_with`] chains them and emits `run_started` …
//! `run_finished`; a [`CancelToken`] stops the run in progress at once (its
//! whole process tree) and the rest of the judging, leaving no process and no
//! directory.
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

pub mod batch;
pub mod cache;
mod case;
pub mod kernel;
pub mod redact;
mod rundir;
pub mod verify;
pub mod verify_problem;

use judge_check::{CheckerCommand, FloatTolerance, OutputChecker, OutputInterface, ProgramChecker, TextChecker};
use judge_core::{Cause, Clock, Limits, Report, SandboxReport, Verdict};
use judge_lang::{LanguageConfig, LanguageTable, Plan, ResolvedToolchain, Target};
use judge_registry::{CheckerInterface, CheckerSpec, Problem, ProblemKind};
use judge_sandbox::{Collect, Collected, RunSpec, Sandbox};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub use judge_core::report::SCHEMA_VERSION;
pub use judge_core::{Event, EventKind, FanOut, Reporter};
pub use judge_sandbox::CancelToken;

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
    /// The judging was cancelled ([`CancelToken`]): no verdict.
    #[error("cancelled")]
    Cancelled,
    /// The judge itself failed before any verdict (exit code 3).
    #[error("internal error: {0}")]
    Internal(String),
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
    /// The language standard for compiled languages (`--std gnu++23`); wins
    /// over the problem's `[languages]` table.
    pub std: Option<String>,
    /// Run every case of a function problem in a fresh process (as stdio
    /// problems always are) instead of one process per group of cases
    /// ([`batch`]).
    pub isolate: bool,
    /// Worker processes running cases in parallel (0 or 1: one at a time).
    /// CPU time is still measured per case; wall times are not comparable
    /// with more than one. `fail_fast` runs one at a time.
    pub jobs: usize,
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

/// Which cases to run, and in which order.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only the sample cases.
    pub samples_only: bool,
    /// Only these cases (ids as in the problem: `sample/01-example`,
    /// `hidden/07-large`, or a hidden case's number `hidden/3`); empty: all.
    pub ids: Vec<String>,
    /// Run these first, in this order (e.g. the case that failed last time);
    /// the rest follow in case order (samples first).
    pub first: Vec<String>,
    /// Stop at the first case that is not AC (the rest are `case_skipped`).
    pub fail_fast: bool,
}

impl Selection {
    /// Indices of the problem's cases to run, in run order. An id that names
    /// no case is a configuration error.
    pub fn pick(&self, problem: &Problem) -> Result<Vec<usize>, EngineError> {
        let samples = problem.cases.iter().filter(|c| !c.hidden).count();
        let find = |id: &str| -> Option<usize> {
            problem.cases.iter().position(|c| c.id == id).or_else(|| {
                let n: usize = id.strip_prefix("hidden/")?.parse().ok()?;
                let i = samples + n.checked_sub(1)?;
                (i < problem.cases.len() && problem.cases[i].hidden).then_some(i)
            })
        };
        let mut wanted: Vec<usize> = if self.ids.is_empty() {
            (0..problem.cases.len()).collect()
        } else {
            let mut v = Vec::new();
            for id in &self.ids {
                let i = find(id).ok_or_else(|| {
                    EngineError::Config(format!(
                        "problem `{}` has no case `{id}` (cases: {})",
                        problem.id(),
                        problem.cases.iter().enumerate().map(|(i, c)| if c.hidden { format!("hidden/{}", i + 1 - samples) } else { c.id.clone() }).collect::<Vec<_>>().join(", ")
                    ))
                })?;
                if !v.contains(&i) {
                    v.push(i);
                }
            }
            v.sort_unstable();
            v
        };
        if self.samples_only {
            wanted.retain(|i| !problem.cases[*i].hidden);
        }
        let mut order: Vec<usize> = Vec::with_capacity(wanted.len());
        for id in &self.first {
            if let Some(i) = find(id).filter(|i| wanted.contains(i) && !order.contains(i)) {
                order.push(i);
            }
        }
        // Samples first, then the rest in case order.
        for pass in [false, true] {
            for &i in &wanted {
                if problem.cases[i].hidden == pass && !order.contains(&i) {
                    order.push(i);
                }
            }
        }
        Ok(order)
    }
}

/// A problem made ready for judging ([`Engine::prepare`]): its limits, its
/// checker (a checker program compiled once), the paths hidden from programs.
pub struct Prepared {
    problem: Arc<Problem>,
    opts: Options,
    limits: Limits,
    checker: case::Checker,
    /// Where the checker program lives (removed with the `Prepared`).
    _dir: Option<rundir::RunDir>,
    /// A failure of the judge's own set-up (every judging is then IE).
    setup_failure: Option<String>,
    /// A kernel problem's compiled CPU reference, tolerance and timing settings.
    kernel: Option<kernel::KernelPrep>,
}

impl Prepared {
    /// The problem.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// The options it was prepared with.
    pub fn options(&self) -> &Options {
        &self.opts
    }
}

/// A submission built for judging ([`Engine::build`]): the driver files and
/// the compiled program, which outlive each case's run. Removed on drop.
pub struct Build {
    dir: rundir::RunDir,
    plan: Plan,
    language: String,
    toolchain: judge_core::Toolchain,
    file: PathBuf,
    hidden: Vec<PathBuf>,
    /// The CE, or the judge's failure, when the build failed.
    failure: Option<Cause>,
    compile_ms: u64,
    cached: bool,
    layers: SandboxReport,
}

impl Build {
    /// The compile error (or the judge's failure) when the build failed.
    pub fn failure(&self) -> Option<&Cause> {
        self.failure.as_ref()
    }

    /// Wall time of the compilation (or syntax check), ms.
    pub fn compile_ms(&self) -> u64 {
        self.compile_ms
    }

    /// Whether the program came from the compile cache.
    pub fn cached(&self) -> bool {
        self.cached
    }

    /// The interpreter or compiler used.
    pub fn toolchain(&self) -> &judge_core::Toolchain {
        &self.toolchain
    }

    /// Whether the program needs an NVIDIA GPU to run (CUDA): its cases take
    /// the GPU, or are skipped (SK) where none is usable.
    pub fn needs_gpu(&self) -> bool {
        self.plan.profile.gpu
    }
}

/// Emits events stamped by one clock.
struct Emitter<'a> {
    clock: Clock,
    out: &'a mut dyn Reporter,
}

impl Emitter<'_> {
    fn emit(&mut self, kind: EventKind) {
        let ev = self.clock.stamp(kind);
        self.out.event(&ev);
    }
}

/// The judging engine: a sandbox and a language table.
pub struct Engine {
    sandbox: Sandbox,
    languages: LanguageTable,
    helper: PathBuf,
    /// The `--strict-sandbox` probe, run once per engine.
    probed: OnceLock<Result<SandboxReport, String>>,
    /// Where run directories are created (default: the system's temp dir).
    temp_dir: Option<PathBuf>,
    /// The compile cache (`None`: off).
    cache: Option<cache::BuildCache>,
}

const COMPILE_CPU_MS: u64 = 60_000;
const COMPILE_MEMORY_KIB: u64 = 2 << 20;
const COMPILE_LOG_BYTES: usize = 64 << 10;
/// Largest compiled program (submission or checker) taken out of the compiler's tmpfs, bytes.
const COMPILE_ARTIFACT_BYTES: u64 = 128 << 20;

impl Engine {
    /// An engine whose sandbox re-executes `helper` (the `judge` binary).
    pub fn new(helper: PathBuf, languages: LanguageTable) -> Engine {
        Engine { sandbox: Sandbox::new(helper.clone()), languages, helper, probed: OnceLock::new(), temp_dir: None, cache: cache::BuildCache::from_env() }
    }

    /// Run programs as `uid` (when the judge is root): runs of this engine
    /// then never share a process count with another judge's.
    pub fn with_sandbox_uid(mut self, uid: u32) -> Engine {
        self.sandbox = self.sandbox.with_uid(uid);
        self
    }

    /// Use this compile cache (`None`: compile every time).
    pub fn with_cache(mut self, cache: Option<cache::BuildCache>) -> Engine {
        self.cache = cache;
        self
    }

    /// The compile cache in use, if any.
    pub fn cache(&self) -> Option<&cache::BuildCache> {
        self.cache.as_ref()
    }

    /// Create run directories in `dir` instead of the system's temp dir.
    pub fn with_temp_dir(mut self, dir: PathBuf) -> Engine {
        self.temp_dir = Some(dir);
        self
    }

    /// The sandbox in use.
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// The language table.
    pub fn languages(&self) -> &LanguageTable {
        &self.languages
    }

    /// Resolve a language's toolchain, honouring overrides; its probe goes
    /// through the toolchain probe cache beside the compile cache (none when
    /// the compile cache is off).
    pub fn toolchain(&self, lang: &LanguageConfig, opts: &Options) -> Result<ResolvedToolchain, EngineError> {
        let ov = opts.toolchain_overrides.iter().find(|(l, _)| *l == lang.id).map(|(_, c)| c.as_str());
        Ok(judge_lang::discover_cached(lang, ov, self.cache.as_ref().map(|c| c.dir()))?)
    }

    /// Judge a submission against every case of a problem (the three stages
    /// in a row, no cancellation), emitting events to `events`.
    ///
    /// Returns `Err` only for configuration errors; the judge's own failures
    /// become IE verdicts inside the report.
    pub fn judge(&self, problem: &Problem, sub: &Submission, opts: &Options, events: &mut dyn Reporter) -> Result<Report, EngineError> {
        let prep = self.prepare(Arc::new(problem.clone()), opts)?;
        let sel = Selection { fail_fast: opts.fail_fast, ..Default::default() };
        self.judge_with(&prep, sub, &sel, &CancelToken::new(), events)
    }

    /// Build `sub` and run the selected cases, emitting `run_started`,
    /// `build_started`/`build_finished`, a `case_*` event per case and
    /// `run_finished` (or `run_cancelled` when `cancel` fires: then
    /// `Err(Cancelled)`, the run in progress killed, nothing left behind).
    pub fn judge_with(
        &self,
        prep: &Prepared,
        sub: &Submission,
        sel: &Selection,
        cancel: &CancelToken,
        events: &mut dyn Reporter,
    ) -> Result<Report, EngineError> {
        let order = sel.pick(&prep.problem)?;
        let mut em = Emitter { clock: Clock::start(), out: events };
        let started = Clock::unix_ms();
        em.emit(EventKind::RunStarted {
            problem: prep.problem.id().to_string(),
            language: sub.language.clone(),
            file: sub.path.display().to_string(),
            cases: order.len(),
        });
        let result = self.build_inner(prep, sub, cancel, &mut em).and_then(|build| self.run_inner(prep, &build, &order, sel.fail_fast, cancel, &mut em));
        match result {
            Ok(mut report) => {
                report.file = Some(sub.path.display().to_string());
                report.started_unix_ms = Some(started);
                report.duration_ms = Some(em.clock.elapsed_ms());
                em.emit(EventKind::RunFinished { report: Box::new(report.clone()) });
                Ok(report)
            }
            Err(EngineError::Cancelled) => {
                em.emit(EventKind::RunCancelled);
                Err(EngineError::Cancelled)
            }
            Err(e) => Err(e),
        }
    }

    /// Stage 1: everything about `problem` that does not depend on a
    /// submission. With `--strict-sandbox`, the sandbox is probed (once per
    /// engine) and a missing layer is a configuration error. A checker
    /// program is compiled here, once; one that does not compile is the
    /// problem's configuration error.
    pub fn prepare(&self, problem: Arc<Problem>, opts: &Options) -> Result<Prepared, EngineError> {
        if opts.strict_sandbox {
            let probed = self.probed.get_or_init(|| self.sandbox.probe().map_err(|e| e.to_string()));
            let layers = probed
                .as_ref()
                .map_err(|e| EngineError::Config(format!("--strict-sandbox: the sandbox does not work here: {e}")))?;
            if !layers.missing.is_empty() {
                return Err(EngineError::Config(format!(
                    "--strict-sandbox: refusing to judge, sandbox layers missing: {} (see `judge doctor`)",
                    layers.missing.join("; ")
                )));
            }
        }
        let limits = problem.manifest.limits();
        let mut prep = Prepared { problem: problem.clone(), opts: opts.clone(), limits, checker: case::Checker::Accept, _dir: None, setup_failure: None, kernel: None };
        if let Some(sig) = &problem.kernel {
            match self.prepare_kernel(&problem, sig, opts)? {
                Ok(k) => prep.kernel = Some(k),
                Err(e) => prep.setup_failure = Some(e),
            }
        }
        prep.checker = match &problem.manifest.checker {
            CheckerSpec::Typed { float_abs, float_rel } => case::Checker::Typed(FloatTolerance {
                abs: float_abs.unwrap_or(1e-9),
                rel: float_rel.unwrap_or(1e-9),
            }),
            spec @ (CheckerSpec::Exact
            | CheckerSpec::Lines
            | CheckerSpec::Tokens { .. }
            | CheckerSpec::Float { .. }
            | CheckerSpec::Unordered
            | CheckerSpec::KattisDefault { .. }) => match text_checker(spec) {
                Some(t) => case::Checker::Text(t),
                None => return Err(EngineError::Config(format!("problem `{}`: not a text checker", problem.id()))),
            },
            CheckerSpec::Program { interface, args, .. } => {
                let dir = match rundir::RunDir::create(self.sandbox.uid(), self.temp_dir.as_deref()) {
                    Ok(d) => d,
                    Err(e) => {
                        prep.setup_failure = Some(format!("cannot create the checker's directory: {e}"));
                        return Ok(prep);
                    }
                };
                let hidden = self.hidden_paths(&problem, None);
                let cmd = match self.checker_command(&problem, &dir, opts, &hidden) {
                    Ok(c) => c,
                    Err(SetupError::Config(e)) => return Err(EngineError::Config(format!("problem `{}`: {e}", problem.id()))),
                    Err(SetupError::Internal(e)) => {
                        prep.setup_failure = Some(e);
                        return Ok(prep);
                    }
                };
                let checker = match interface.unwrap_or(CheckerInterface::Json) {
                    CheckerInterface::Json => match dir.fresh_workdir("checker") {
                        Ok(workdir) => case::Checker::Program(Box::new(ProgramChecker { cmd, private_dir: dir.private.clone(), workdir })),
                        Err(e) => {
                            prep.setup_failure = Some(e.to_string());
                            return Ok(prep);
                        }
                    },
                    CheckerInterface::Kattis => case::Checker::Output(Box::new(OutputChecker { cmd, interface: OutputInterface::Kattis(args.clone()) })),
                    CheckerInterface::Testlib => case::Checker::Output(Box::new(OutputChecker { cmd, interface: OutputInterface::Testlib })),
                };
                prep._dir = Some(dir);
                checker
            }
        };
        Ok(prep)
    }

    /// Stage 2: build `sub` (emits `build_started` and `build_finished`). A
    /// compile error is not an `Err`: it is in [`Build::failure`].
    pub fn build(&self, prep: &Prepared, sub: &Submission, cancel: &CancelToken, events: &mut dyn Reporter) -> Result<Build, EngineError> {
        let mut em = Emitter { clock: Clock::start(), out: events };
        self.build_inner(prep, sub, cancel, &mut em)
    }

    fn build_inner(&self, prep: &Prepared, sub: &Submission, cancel: &CancelToken, em: &mut Emitter<'_>) -> Result<Build, EngineError> {
        let problem = &prep.problem;
        let lang = self.languages.get(&sub.language)?.clone();
        let toolchain = match &problem.kernel {
            Some(_) => kernel::toolchain(self, &lang, &prep.opts)?,
            None => self.toolchain(&lang, &prep.opts)?,
        };
        tracing::info!(problem = problem.id(), language = %lang.id, exe = %toolchain.exe.display(), version = %toolchain.info.version, "toolchain resolved");
        let target = match (&problem.manifest.kind, &problem.signature) {
            (ProblemKind::Function, Some(sig)) => Target::Function(sig),
            _ => Target::Stdio,
        };
        let dir = rundir::RunDir::create(self.sandbox.uid(), self.temp_dir.as_deref());
        let hidden = self.hidden_paths(problem, Some(&sub.path));
        em.emit(EventKind::BuildStarted { toolchain: toolchain.info.clone() });
        let started = std::time::Instant::now();
        let dir = match dir {
            Ok(d) => d,
            Err(e) => {
                let cause = Cause::Internal { detail: format!("cannot create the run directory: {e}") };
                em.emit(EventKind::BuildFinished { ok: false, cached: false, compile_ms: 0, cause: Some(cause.clone()) });
                return Err(EngineError::Internal(cause.message()));
            }
        };
        let build_options = judge_lang::BuildOptions {
            std: prep.opts.std.clone().or_else(|| problem.manifest.languages.std_for(&lang.id).map(String::from)),
        };
        let mut plan = match &problem.kernel {
            Some(sig) => kernel::plan(&lang, &toolchain, &self.languages.files, sig, &sub.source, &dir.driver)?,
            None => judge_lang::plan_with(&lang, &toolchain, &self.languages.files, target, &sub.source, &dir.driver, &build_options)?,
        };
        // A package's `include/` files go beside the source (before judge's
        // own files, which win on a name collision).
        if let Some(pkg) = &problem.package {
            let extra = pkg.include_files(&lang.id).to_vec();
            if !extra.is_empty() {
                match plan.build.as_mut().filter(|b| b.artifact.is_some()) {
                    Some(step) => step.files.splice(0..0, extra),
                    None => plan.driver_files.splice(0..0, extra),
                };
            }
        }
        let mut build = Build {
            dir,
            plan,
            language: lang.id.clone(),
            toolchain: toolchain.info.clone(),
            file: sub.path.clone(),
            hidden,
            failure: prep.setup_failure.as_ref().map(|d| Cause::Internal { detail: d.clone() }),
            compile_ms: 0,
            cached: false,
            layers: SandboxReport::default(),
        };
        if build.failure.is_none() {
            if let Err(e) = build.dir.install_driver_files(&build.plan.driver_files) {
                build.failure = Some(Cause::Internal { detail: format!("cannot write driver files: {e}") });
            }
        }
        if build.failure.is_none() {
            if let Some(step) = build.plan.build.clone() {
                // A compiled program is looked up in the compile cache first.
                let cached = step.artifact.as_ref().and_then(|artifact| {
                    let cache = self.cache.as_ref()?;
                    let identity = if toolchain.cache_tag.is_empty() { toolchain.info.version.clone() } else { format!("{} ({})", toolchain.info.version, toolchain.cache_tag) };
                    let key = cache::BuildKey::new(&lang.id, &step.program, &identity, &step.argv, &step.files);
                    Some((cache, key, build.dir.driver.join(artifact)))
                });
                // A check without a program (Python) that passed before is
                // not run again.
                let check = match (&step.artifact, self.cache.as_ref()) {
                    (None, Some(cache)) => Some((cache, check_key(&lang.id, &toolchain, &step, &build.plan.driver_files, &build.dir.driver))),
                    _ => None,
                };
                if check.as_ref().is_some_and(|(cache, key)| cache.check_passed(key)) {
                    build.cached = true;
                }
                let hit = cached.as_ref().is_some_and(|(cache, key, dest)| match cache.fetch(key, dest) {
                    Ok(hit) => hit,
                    Err(e) => {
                        tracing::warn!("compile cache: {e}");
                        let _ = std::fs::remove_file(dest);
                        false
                    }
                });
                if hit {
                    build.cached = true;
                } else if !build.cached {
                    let user_file = sub.path.file_name().map(|n| n.to_string_lossy().into_owned());
                    match self.compile(&build.dir, &step, &build.plan, &build.hidden, user_file, cancel) {
                        Ok(layers) => {
                            build.layers = layers;
                            if let Some((cache, key, program)) = &cached {
                                if let Err(e) = cache.store(key, program) {
                                    tracing::warn!("compile cache: cannot store the program: {e}");
                                }
                            }
                            if let Some((cache, key)) = &check {
                                if let Err(e) = cache.store_check(key) {
                                    tracing::warn!("compile cache: cannot record the passed check: {e}");
                                }
                            }
                        }
                        Err(BuildFailure::Compile(cause)) => build.failure = Some(cause),
                        Err(BuildFailure::Internal(detail)) => build.failure = Some(Cause::Internal { detail }),
                        Err(BuildFailure::Cancelled) => return Err(EngineError::Cancelled),
                    }
                }
            }
        }
        build.compile_ms = started.elapsed().as_millis() as u64;
        em.emit(EventKind::BuildFinished { ok: build.failure.is_none(), cached: build.cached, compile_ms: build.compile_ms, cause: build.failure.clone() });
        Ok(build)
    }

    /// Stage 3: run the selected cases of `prep`'s problem against `build`
    /// (emits a `case_*` event per case). A failed build gives its CE/IE
    /// report without running anything.
    pub fn run_cases(
        &self,
        prep: &Prepared,
        build: &Build,
        sel: &Selection,
        cancel: &CancelToken,
        events: &mut dyn Reporter,
    ) -> Result<Report, EngineError> {
        let order = sel.pick(&prep.problem)?;
        let mut em = Emitter { clock: Clock::start(), out: events };
        self.run_inner(prep, build, &order, sel.fail_fast, cancel, &mut em)
    }

    fn run_inner(
        &self,
        prep: &Prepared,
        build: &Build,
        order: &[usize],
        fail_fast: bool,
        cancel: &CancelToken,
        em: &mut Emitter<'_>,
    ) -> Result<Report, EngineError> {
        let problem = &prep.problem;
        let mut report = Report {
            schema_version: SCHEMA_VERSION,
            problem: problem.id().to_string(),
            language: build.language.clone(),
            toolchain: Some(build.toolchain.clone()),
            verdict: Verdict::IE,
            passed: 0,
            total: order.len(),
            skipped: 0,
            compile: None,
            compile_ms: Some(build.compile_ms),
            compile_cached: build.cached,
            cases: Vec::new(),
            sandbox: build.layers.clone(),
            file: None,
            started_unix_ms: None,
            duration_ms: None,
        };
        if let Some(cause) = &build.failure {
            report.verdict = if matches!(cause, Cause::Compile { .. }) { Verdict::CE } else { Verdict::IE };
            report.compile = Some(cause.clone());
            return Ok(report);
        }
        let ctx = case::CaseContext {
            sandbox: &self.sandbox,
            dir: &build.dir,
            plan: &build.plan,
            lang: &build.language,
            limits: &prep.limits,
            signature: problem.signature.as_ref(),
            checker: &prep.checker,
            reveal: prep.opts.reveal,
            samples: problem.cases.iter().filter(|c| !c.hidden).count(),
            hidden: &build.hidden,
            uid: self.sandbox.uid(),
            driver_dir: &build.dir.driver,
            user_file: &build.file,
            cancel,
            always_details: false,
        };
        // A language that needs a GPU, on a machine without a usable one:
        // built as usual (a CE stays CE), then every case is skipped (SK).
        if let Some(reason) = gpu_missing(&build.plan) {
            let total = order.len();
            let mut skipped: Vec<(usize, judge_core::CaseReport)> = Vec::new();
            for (k, &index) in order.iter().enumerate() {
                let c = &problem.cases[index];
                let id = case::display_id(&ctx, c, index);
                em.emit(EventKind::CaseStarted { id: id.clone(), index: k, total });
                let case_report = judge_core::CaseReport::not_run(id, c.hidden, Verdict::SK, Cause::Skipped { reason: reason.clone() });
                em.emit(EventKind::CaseFinished { case: Box::new(case_report.clone()), index: k, total });
                skipped.push((index, case_report));
            }
            skipped.sort_by_key(|(i, _)| *i);
            report.cases = skipped.into_iter().map(|(_, c)| c).collect();
            report.verdict = Report::overall(&report.cases);
            return Ok(report);
        }
        let total = order.len();
        let batch = !prep.opts.isolate
            && ctx.signature.is_some()
            && build.plan.result_channel
            && batch::supported(&build.language);
        // Kernel problems run one case at a time (one GPU; kernel timing).
        let jobs = if fail_fast || prep.kernel.is_some() { 1 } else { prep.opts.jobs.clamp(1, batch::MAX_JOBS) }.min(total.max(1));
        let mut results: Vec<(usize, judge_core::CaseReport)> = Vec::new();
        if jobs > 1 {
            results = self.run_parallel(&ctx, problem, order, batch, jobs, &mut report, em)?;
        } else {
            let mut stop = false;
            let mut batcher = batch.then(|| batch::Batcher::new(&ctx, &self.sandbox, total));
            for (k, &index) in order.iter().enumerate() {
                let c = &problem.cases[index];
                let id = case::display_id(&ctx, c, index);
                if stop {
                    report.skipped += 1;
                    em.emit(EventKind::CaseSkipped { id, reason: "--fail-fast: an earlier case failed".into() });
                    continue;
                }
                em.emit(EventKind::CaseStarted { id, index: k, total });
                let run = match batcher.as_mut() {
                    Some(b) => {
                        let run = b.run(c, index);
                        for l in b.take_layers() {
                            merge_layers(&mut report.sandbox, l);
                        }
                        run
                    }
                    None => match &prep.kernel {
                        Some(kp) => self.kernel_case(kp, &ctx, c, index),
                        None => case::run_case(&ctx, c, index),
                    },
                };
                if run.cancelled {
                    return Err(EngineError::Cancelled);
                }
                let case_report = run.report;
                tracing::info!(case = %case_report.id, verdict = %case_report.verdict, cpu_ms = case_report.cpu_ms, memory_kib = case_report.memory_kib, "case judged");
                if let Some(layers) = run.layers {
                    merge_layers(&mut report.sandbox, layers);
                }
                em.emit(EventKind::CaseFinished { case: Box::new(case_report.clone()), index: k, total });
                if case_report.verdict != Verdict::AC && fail_fast {
                    stop = true;
                }
                results.push((index, case_report));
            }
            if let Some(b) = batcher.as_mut() {
                b.finish();
                for l in b.take_layers() {
                    merge_layers(&mut report.sandbox, l);
                }
            }
        }
        // Reports list cases in case order, whatever order they ran in.
        results.sort_by_key(|(i, _)| *i);
        report.cases = results.into_iter().map(|(_, c)| c).collect();
        report.passed = report.cases.iter().filter(|c| c.verdict == Verdict::AC).count();
        report.verdict = Report::overall(&report.cases);
        if prep.opts.strict_sandbox && !report.sandbox.missing.is_empty() {
            report.verdict = Verdict::IE;
            report.compile = Some(Cause::Internal {
                detail: format!("--strict-sandbox: a layer was missing during the run: {}", report.sandbox.missing.join("; ")),
            });
        }
        Ok(report)
    }

    /// `--jobs N`: the cases on `jobs` worker threads, each with its own
    /// sandbox uid and its own batch process (or a process per case); events
    /// are emitted in run order as the results come in.
    #[allow(clippy::too_many_arguments)]
    fn run_parallel(
        &self,
        ctx: &case::CaseContext<'_>,
        problem: &Problem,
        order: &[usize],
        batch: bool,
        jobs: usize,
        report: &mut Report,
        em: &mut Emitter<'_>,
    ) -> Result<Vec<(usize, judge_core::CaseReport)>, EngineError> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let total = order.len();
        let next = AtomicUsize::new(0);
        let (tx, rx) = std::sync::mpsc::channel::<(Option<(usize, case::CaseRun)>, Vec<SandboxReport>)>();
        let mut results = Vec::new();
        let mut cancelled = false;
        std::thread::scope(|scope| {
            for w in 0..jobs {
                let tx = tx.clone();
                let next = &next;
                let sandbox = self.sandbox.clone().with_uid(batch::worker_uid(w));
                scope.spawn(move || {
                    let wctx = case::CaseContext { sandbox: &sandbox, uid: sandbox.uid(), ..ctx.clone() };
                    let mut batcher = batch.then(|| batch::Batcher::new(&wctx, &sandbox, total.div_ceil(jobs)));
                    loop {
                        let k = next.fetch_add(1, Ordering::SeqCst);
                        let Some(&index) = order.get(k) else { break };
                        let c = &problem.cases[index];
                        let (run, layers) = match batcher.as_mut() {
                            Some(b) => (b.run(c, index), b.take_layers()),
                            None => (case::run_case(&wctx, c, index), Vec::new()),
                        };
                        let stop = run.cancelled;
                        if tx.send((Some((k, run)), layers)).is_err() || stop {
                            break;
                        }
                    }
                    if let Some(b) = batcher.as_mut() {
                        b.finish();
                        let _ = tx.send((None, b.take_layers()));
                    }
                });
            }
            drop(tx);
            let mut done: std::collections::BTreeMap<usize, case::CaseRun> = std::collections::BTreeMap::new();
            let mut emitted = 0;
            for (run, layers) in rx {
                for l in layers {
                    merge_layers(&mut report.sandbox, l);
                }
                let Some((k, run)) = run else { continue };
                if run.cancelled {
                    cancelled = true;
                    ctx.cancel.cancel();
                }
                done.insert(k, run);
                while let Some(run) = done.remove(&emitted) {
                    if cancelled {
                        emitted += 1;
                        continue;
                    }
                    let index = order[emitted];
                    let id = case::display_id(ctx, &problem.cases[index], index);
                    em.emit(EventKind::CaseStarted { id, index: emitted, total });
                    let case_report = run.report;
                    if let Some(layers) = run.layers {
                        merge_layers(&mut report.sandbox, layers);
                    }
                    em.emit(EventKind::CaseFinished { case: Box::new(case_report.clone()), index: emitted, total });
                    results.push((index, case_report));
                    emitted += 1;
                }
            }
        });
        if cancelled {
            return Err(EngineError::Cancelled);
        }
        Ok(results)
    }

    /// Run the built submission on one custom input (`judge run --input`):
    /// function problems take the JSON array of arguments, stdio problems the
    /// raw stdin. With `expected` (the reference's answer: its returned value
    /// as typed JSON, or its stdout), the problem's checker decides whether
    /// they agree (AC); without, any clean run is AC. The case report always
    /// has details (what was returned or printed).
    pub fn run_input(
        &self,
        prep: &Prepared,
        build: &Build,
        input: &[u8],
        expected: Option<&[u8]>,
        cancel: &CancelToken,
    ) -> Result<CustomRun, EngineError> {
        let problem = &prep.problem;
        if problem.kernel.is_some() {
            return Err(EngineError::Config(format!("problem `{}` is a kernel problem: --input is not supported for it (add a case instead)", problem.id())));
        }
        if let Some(cause) = &build.failure {
            return Ok(CustomRun { report: None, build_failure: Some(cause.clone()), value: None, stdout: Vec::new() });
        }
        let (args, exp_value) = match &problem.signature {
            Some(sig) => {
                let args = judge_registry::decode_args(sig, input).map_err(|e| EngineError::Config(format!("--input: {e}")))?;
                let exp = match expected {
                    Some(e) => Some(judge_registry::decode_value(&sig.returns, e).map_err(|e| EngineError::Config(format!("the reference's answer: {e}")))?),
                    None => None,
                };
                (Some(args), exp)
            }
            None => (None, None),
        };
        let case = judge_registry::Case {
            id: "input".into(),
            hidden: false,
            input: input.to_vec(),
            answer: expected.unwrap_or_default().to_vec(),
            args,
            expected: exp_value,
            checker: None,
            validator_args: None,
            input_validator_args: Vec::new(),
        };
        let accept = case::Checker::Accept;
        let ctx = case::CaseContext {
            sandbox: &self.sandbox,
            dir: &build.dir,
            plan: &build.plan,
            lang: &build.language,
            limits: &prep.limits,
            signature: problem.signature.as_ref(),
            checker: if expected.is_some() { &prep.checker } else { &accept },
            reveal: true,
            samples: 1,
            hidden: &build.hidden,
            uid: self.sandbox.uid(),
            driver_dir: &build.dir.driver,
            user_file: &build.file,
            cancel,
            always_details: true,
        };
        let run = case::run_case(&ctx, &case, 0);
        if run.cancelled {
            return Err(EngineError::Cancelled);
        }
        Ok(CustomRun { report: Some(run.report), build_failure: None, value: run.value, stdout: run.stdout })
    }

    /// What the program must not see: the problem's directory (its answers),
    /// the judge's binary (which embeds the default registry and its answers),
    /// the folder of the submission (the user's other files) and `$HOME`.
    fn hidden_paths(&self, problem: &Problem, submission: Option<&Path>) -> Vec<PathBuf> {
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
        if let Some(d) = submission.and_then(|s| std::path::absolute(s).ok()).and_then(|p| p.parent().map(Path::to_path_buf)) {
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
            let mut argv = vec![tc.exe.display().to_string()];
            argv.extend(py.flags.iter().cloned());
            argv.extend([
                "-c".into(),
                "import sys; compile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec')".into(),
                entry.display().to_string(),
            ]);
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
        // C or C++: compile it in the sandbox like a submission, headers beside
        // it; a folder's sources are compiled together (Kattis "a directory
        // containing one or more C or C++ files"). C alone is built by gcc.
        let is_cpp = |n: &str| [".cpp", ".cc", ".cxx", ".c++", ".C"].iter().any(|e| n.ends_with(e));
        let c_only = prog.entry.ends_with(".c") && !prog.files.iter().any(|(n, _)| is_cpp(n));
        let (lang_id, what) = if c_only { ("c", "a C compiler") } else { ("cpp", "a C++ compiler") };
        let lang = self.languages.get(lang_id).map_err(|e| Config(e.to_string()))?;
        let tc = self.toolchain(lang, opts).map_err(|e| Config(format!("the checker needs {what}: {e}")))?;
        let build = dir.fresh_workdir("checker-build").map_err(|e| Internal(e.to_string()))?;
        let mut sources: Vec<String> =
            prog.files.iter().map(|(n, _)| n.clone()).filter(|n| if c_only { n.ends_with(".c") } else { is_cpp(n) }).collect();
        if !sources.contains(&prog.entry) {
            sources.push(prog.entry.clone());
        }
        // The language table's flags (gnu17 / gnu++20 by default), as for submissions.
        let mut argv = vec![tc.exe.display().to_string()];
        argv.extend(lang.flags.iter().cloned());
        argv.extend(["-o".into(), "checker.bin".into()]);
        argv.extend(sources);
        argv.push("-lm".into());
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

    fn compile(
        &self,
        dir: &rundir::RunDir,
        build: &judge_lang::BuildStep,
        plan: &judge_lang::Plan,
        hidden: &[PathBuf],
        user_file: Option<String>,
        cancel: &CancelToken,
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
        let outcome = match self.sandbox.run_cancellable(&spec, Some(cancel)) {
            Ok(o) => o,
            Err(judge_sandbox::SandboxError::Cancelled) => return Err(BuildFailure::Cancelled),
            Err(e) => return Err(BuildFailure::Internal(format!("compilation could not run: {e}"))),
        };
        let m = &outcome.measurement;
        let mut log = outcome.stdout.data.clone();
        log.extend_from_slice(&outcome.stderr.data);
        // The solution is compiled as solution.py/.cpp/.cu in a temporary folder:
        // name the user's file instead, and no temporary path.
        let rename = |s: String| {
            let s = strip_dir(&s, &dir.build);
            match user_file.as_deref() {
                // In one pass (a placeholder first): the user's own name may
                // contain `solution.c`.
                Some(u) => judge_lang::language::source_names().iter().fold(s, |s, n| s.replace(n, "\0")).replace('\0', u),
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
    Cancelled,
}

/// What [`Engine::run_input`] found.
#[derive(Debug, Clone)]
pub struct CustomRun {
    /// The case's report (verdict AC when it ran cleanly and, with an expected
    /// answer, agreed with it); `None` when the build failed.
    pub report: Option<judge_core::CaseReport>,
    /// The build's CE or IE.
    pub build_failure: Option<Cause>,
    /// What the function returned (function problems).
    pub value: Option<judge_core::Value>,
    /// What the program printed (captured stdout).
    pub stdout: Vec<u8>,
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

/// Why a build's program cannot run here: its language needs an NVIDIA GPU
/// ([`judge_lang::SandboxProfile::gpu`]) and none is usable (`None`: it can
/// run). `JUDGE_FAKE_NO_GPU=1` makes every machine GPU-less (for tests on a
/// machine with a GPU).
pub(crate) fn gpu_missing(plan: &Plan) -> Option<String> {
    if !plan.profile.gpu {
        return None;
    }
    if std::env::var("JUDGE_FAKE_NO_GPU").is_ok_and(|v| v == "1") {
        return Some("no usable NVIDIA GPU: JUDGE_FAKE_NO_GPU=1 is set".into());
    }
    judge_sandbox::linux::gpu::detect().unusable_reason().map(|r| format!("no usable NVIDIA GPU: {r}"))
}

/// Remove the absolute path of a compiler's work directory from its messages
/// (`/tmp/judge-XXXX/build/ccA1.o` becomes `ccA1.o`).
/// The compile-cache key of a build step without a program (Python's
/// `--check`): the interpreter's identity (path, version, size and mtime via
/// [`cache::BuildKey`]), the step's argv and every file the step reads (the
/// step's files and the driver files: driver, spec, solution), each with the
/// run's driver folder (a fresh temporary path every run) replaced by a
/// fixed token, so that only the contents decide.
fn check_key(lang: &str, toolchain: &ResolvedToolchain, step: &judge_lang::BuildStep, driver_files: &[(String, Vec<u8>)], driver_dir: &Path) -> cache::BuildKey {
    let dir = driver_dir.as_os_str().as_encoded_bytes();
    let token: &[u8] = b"\0judge-driver-dir\0";
    let norm = |bytes: &[u8]| -> Vec<u8> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if !dir.is_empty() && bytes[i..].starts_with(dir) {
                out.extend_from_slice(token);
                i += dir.len();
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    };
    let identity = if toolchain.cache_tag.is_empty() { toolchain.info.version.clone() } else { format!("{} ({})", toolchain.info.version, toolchain.cache_tag) };
    let argv: Vec<String> = step.argv.iter().map(|a| String::from_utf8_lossy(&norm(a.as_bytes())).into_owned()).collect();
    let mut files: Vec<(String, Vec<u8>)> = step.files.iter().map(|(n, b)| (format!("build/{n}"), norm(b))).collect();
    files.extend(driver_files.iter().map(|(n, b)| (format!("driver/{n}"), norm(b))));
    cache::BuildKey::new(&format!("{lang} check"), &step.program, &identity, &argv, &files)
}

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
