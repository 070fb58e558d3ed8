//! `judge verify` for problems in judge's own format (`problem.toml`): the
//! checks that prove a problem is fit to practise on.
//!
//! For one problem ([`Engine::verify_problem`]), in this order:
//! 1. **inputs**: the manifest's `validator` (`validator.py`) reads each
//!    case's `.in` on stdin, in the sandbox; exit 0 is valid, 1 invalid (the
//!    first line of its stdout says why); anything else (a crash, a time-out,
//!    another exit code) is reported against the case too;
//! 2. **references**: every `reference/solution.*` is AC on every case, hidden
//!    ones included (all cases run, for the slowest CPU time);
//! 3. **known-wrong solutions**: every `[[wrong]]` file gets one of the
//!    verdicts its entry promises (cases in order, stopping at the first that
//!    is not AC, so the verdict is the first failing case's);
//! 4. **generator**: the manifest's `generator` (`gen.py`) runs in the sandbox
//!    in a temporary copy of the problem folder without `cases/`, and the
//!    `cases/` it writes must equal the committed ones byte for byte;
//! 5. **time limit**: it must be at least 2 × the slowest reference's largest
//!    CPU time over the cases, and it is *sensitive* when a known-wrong
//!    solution that promises TLE would get a verdict it does not promise with
//!    the time limit × 1.5 (its TLE is by a hair: a faster machine turns it
//!    into AC).
//!
//! Each solution is built once and reused for every run; the problem is
//! prepared once (its checker compiled once). A wrong solution that promises
//! TLE runs first at 1.5 × the time limit: a TLE there is a TLE at 1 × too
//! (the cases before it passed within 1.5 ×, so at 1 × they pass or time
//! out), which spares the run at 1 ×; otherwise it runs again at 1 × for its
//! verdict.

use crate::verify::InputCheck;
use crate::{rundir, CancelToken, Engine, EngineError, Options, Prepared, Selection, Submission};
use judge_core::{Report, Termination, Verdict};
use judge_registry::{Generator, Problem};
use judge_sandbox::{RunSpec, StdinSource};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The time-limit margin the slowest reference must leave (time limit ≥ this × its CPU time).
pub const REFERENCE_MARGIN: f64 = 2.0;
/// A known-wrong TLE must still be a TLE (or another promised verdict) at this × the time limit.
pub const TLE_MARGIN: f64 = 1.5;

/// What [`Engine::verify_problem`] checks, beyond the problem itself.
#[derive(Debug, Clone)]
pub struct VerifySettings {
    /// Only solutions in these languages (ids: `python`, `cpp`); empty: all.
    pub languages: Vec<String>,
    /// CPU limit of the generator, ms.
    pub generator_cpu_ms: u64,
}

impl Default for VerifySettings {
    fn default() -> Self {
        VerifySettings { languages: Vec::new(), generator_cpu_ms: 60_000 }
    }
}

/// A reference or a known-wrong solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `reference/solution.*`: must be AC.
    Reference,
    /// A `[[wrong]]` entry: must get a verdict it promises.
    Wrong,
}

/// What one solution was expected to get and got.
#[derive(Debug, Clone)]
pub struct SolutionCheck {
    /// Reference or known-wrong.
    pub role: Role,
    /// Its path in the problem folder (`reference/solution.py`, `wrong/off_by_one.py`).
    pub file: String,
    /// Language id (`python`, `cpp`).
    pub language: String,
    /// Verdicts that pass the check (`[AC]` for a reference).
    pub expected: Vec<Verdict>,
    /// The verdict it got.
    pub got: Verdict,
    /// Cases AC / cases run.
    pub passed: usize,
    /// Cases run (a wrong solution stops at its first failing case).
    pub run: usize,
    /// Its largest CPU time over the cases it ran, ms, and that case's id.
    pub max_cpu_ms: u64,
    /// The case of `max_cpu_ms`.
    pub slowest_case: String,
    /// The first failing case (`hidden/03-x: message`) or the compile error.
    pub note: String,
    /// For a wrong solution: the mistake it makes (the manifest's `why`).
    pub why: String,
    /// For a wrong solution that promises TLE: the verdict it got at
    /// [`TLE_MARGIN`] × the time limit.
    pub at_margin: Option<Verdict>,
    /// Kernel problems: it compiled but did not run, and why (no usable GPU;
    /// a starter is only compiled). `got` is then not a judgement.
    pub skipped: Option<String>,
}

impl SolutionCheck {
    /// Whether its TLE is by a hair: at 1.5 × the time limit it gets a verdict it does not promise.
    pub fn sensitive(&self) -> bool {
        self.at_margin.is_some_and(|v| !self.expected.contains(&v))
    }

    /// Whether it got a verdict it promises, and not by a hair (a skipped
    /// kernel solution: whether it compiled).
    pub fn ok(&self) -> bool {
        if self.skipped.is_some() {
            return self.got != Verdict::CE;
        }
        self.expected.contains(&self.got) && !self.sensitive()
    }
}

/// The generator's determinism check.
#[derive(Debug, Clone)]
pub struct GeneratorCheck {
    /// The generator's path (`gen.py`).
    pub file: String,
    /// Case files (`.in` and `.ans`) compared.
    pub compared: usize,
    /// Files that differ, are missing from its output or are new in it
    /// (`cases/hidden/03.in: differs at byte 120`).
    pub differences: Vec<String>,
    /// Set when it could not run, failed or ran out of time.
    pub error: Option<String>,
    /// Its CPU time, ms.
    pub cpu_ms: u64,
}

impl GeneratorCheck {
    /// Whether it ran and reproduced `cases/` exactly.
    pub fn ok(&self) -> bool {
        self.error.is_none() && self.differences.is_empty()
    }
}

/// The time-limit check.
#[derive(Debug, Clone)]
pub struct TimeLimitCheck {
    /// The problem's time limit, ms.
    pub time_limit_ms: u64,
    /// The slowest reference's largest CPU time over the cases, ms (0 without references).
    pub slowest_ms: u64,
    /// Which reference and case that was (`reference/solution.py on hidden/13-large`).
    pub slowest: String,
    /// Known-wrong solutions whose TLE is by a hair.
    pub sensitive: Vec<String>,
}

impl TimeLimitCheck {
    /// Whether the limit is at least 2 × the slowest reference and not sensitive.
    pub fn ok(&self) -> bool {
        (self.slowest_ms as f64) * REFERENCE_MARGIN <= self.time_limit_ms as f64 && self.sensitive.is_empty()
    }
}

/// Everything `judge verify` found about one problem.
#[derive(Debug, Clone)]
pub struct ProblemVerifyReport {
    /// Problem id.
    pub problem: String,
    /// Number of cases.
    pub cases: usize,
    /// The validator's findings (`None`: the manifest names no validator).
    pub inputs: Option<InputCheck>,
    /// References then known-wrong solutions, in file order / manifest order.
    pub solutions: Vec<SolutionCheck>,
    /// The generator's check (`None`: the manifest names no generator).
    pub generator: Option<GeneratorCheck>,
    /// The time-limit check.
    pub time_limit: TimeLimitCheck,
}

impl ProblemVerifyReport {
    /// Whether every check passed.
    pub fn ok(&self) -> bool {
        self.inputs.as_ref().is_none_or(|i| i.rejected.is_empty() && i.error.is_none())
            && self.solutions.iter().all(SolutionCheck::ok)
            && self.generator.as_ref().is_none_or(GeneratorCheck::ok)
            && self.time_limit.ok()
    }
}

/// One finished step of [`Engine::verify_problem`], for live output.
#[derive(Debug, Clone, Copy)]
pub enum VerifyStep<'a> {
    /// The validator ran over every case.
    Inputs(&'a InputCheck),
    /// A solution was judged.
    Solution(&'a SolutionCheck),
    /// The generator ran and its output was compared.
    Generator(&'a GeneratorCheck),
}

/// Most bytes of generated files read back (all together).
const GENERATED_MAX_BYTES: u64 = 512 << 20;

fn first_line(bytes: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let mut s: String = line.chars().take(max).collect();
    if line.chars().count() > max {
        s.push('…');
    }
    s
}

fn last_line(bytes: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let line = text.lines().rev().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    line.chars().take(max).collect()
}

impl Engine {
    /// Verify one problem of judge's own format (see the module docs).
    /// `on_step` is called as each check finishes. `Err` for configuration
    /// errors: a checker or validator that does not compile, a solution in an
    /// unknown language, a missing toolchain.
    pub fn verify_problem(
        &self,
        problem: Arc<Problem>,
        opts: &Options,
        settings: &VerifySettings,
        on_step: &mut dyn FnMut(VerifyStep<'_>),
    ) -> Result<ProblemVerifyReport, EngineError> {
        // Authors see their own data: hidden cases revealed, all cases run.
        let opts = Options { reveal: true, fail_fast: false, ..opts.clone() };
        let id = problem.id().to_string();
        let prep = self.prepare(problem.clone(), &opts)?;
        let inputs = match &problem.validator {
            Some(v) => {
                let check = self.validate_own_inputs(&problem, v, &opts)?;
                on_step(VerifyStep::Inputs(&check));
                Some(check)
            }
            None => None,
        };
        let wanted = |lang: &str| settings.languages.is_empty() || settings.languages.iter().any(|l| l == lang);
        let language_of = |file: &str| -> Option<String> {
            let ext = Path::new(file).extension()?.to_str()?;
            self.languages.by_extension(ext).map(|l| l.id.clone())
        };
        let cancel = CancelToken::new();
        let mut solutions = Vec::new();
        for (name, source) in &problem.references {
            let file = format!("reference/{name}");
            let Some(language) = language_of(name) else { continue };
            if !wanted(&language) {
                continue;
            }
            let sub = Submission { path: PathBuf::from(&file), source: source.clone(), language: language.clone() };
            let build = self.build(&prep, &sub, &cancel, &mut |_: &judge_core::Event| {})?;
            let report = self.run_cases(&prep, &build, &Selection::default(), &cancel, &mut |_: &judge_core::Event| {})?;
            let mut check = solution_check(Role::Reference, file, language, vec![Verdict::AC], String::new(), &report, None);
            check.skipped = kernel_skip(&problem, &build);
            on_step(VerifyStep::Solution(&check));
            solutions.push(check);
        }
        // Kernel problems: every CUDA starter must compile (it is never run:
        // its empty body leaves the outputs at the poison value).
        if problem.kernel.is_some() {
            for (name, source) in &problem.starters {
                let file = format!("starter/{name}");
                let Some(language) = language_of(name).filter(|l| l == "cuda") else { continue };
                if !wanted(&language) {
                    continue;
                }
                let sub = Submission { path: PathBuf::from(&file), source: source.clone(), language: language.clone() };
                let build = self.build(&prep, &sub, &cancel, &mut |_: &judge_core::Event| {})?;
                let mut check = SolutionCheck {
                    role: Role::Reference,
                    file,
                    language,
                    expected: vec![Verdict::AC],
                    got: if build.failure().is_some_and(|c| matches!(c, judge_core::Cause::Compile { .. })) { Verdict::CE } else { Verdict::AC },
                    passed: 0,
                    run: 0,
                    max_cpu_ms: 0,
                    slowest_case: String::new(),
                    note: build.failure().map(|c| c.message()).unwrap_or_default(),
                    why: String::new(),
                    at_margin: None,
                    skipped: None,
                };
                if build.failure().is_none() {
                    check.skipped = Some("a starter is only compiled".into());
                } else if check.got != Verdict::CE {
                    check.got = Verdict::IE;
                }
                on_step(VerifyStep::Solution(&check));
                solutions.push(check);
            }
        }
        let mut margin_prep: Option<Prepared> = None;
        for (i, w) in problem.wrong.iter().enumerate() {
            let file = w.spec.file.clone();
            let language = language_of(&file).ok_or_else(|| {
                EngineError::Config(format!("{}/problem.toml: field `wrong[{i}].file`: `{file}` is in no language judge runs (expected .py, .cpp or, for kernel problems, .cu)", problem.origin))
            })?;
            if !wanted(&language) {
                continue;
            }
            let expected: Vec<Verdict> = w.spec.verdicts.iter().filter_map(|v| Verdict::from_code(v)).collect();
            let sub = Submission { path: PathBuf::from(&file), source: w.source.clone(), language: language.clone() };
            let build = self.build(&prep, &sub, &cancel, &mut |_: &judge_core::Event| {})?;
            let sel = Selection { fail_fast: true, ..Default::default() };
            let quiet = &mut |_: &judge_core::Event| {};
            let check = if expected.contains(&Verdict::TLE) {
                if margin_prep.is_none() {
                    let mut p = (*problem).clone();
                    let l = &mut p.manifest.limits;
                    l.time_ms = ((l.time_ms as f64) * TLE_MARGIN).round() as u64;
                    l.wall_ms = l.wall_ms.map(|w| ((w as f64) * TLE_MARGIN).round() as u64);
                    margin_prep = Some(self.prepare(Arc::new(p), &opts)?);
                }
                let mp = margin_prep.as_ref().ok_or_else(|| EngineError::Internal("no margin preparation".into()))?;
                let at_margin = self.run_cases(mp, &build, &sel, &cancel, quiet)?;
                if at_margin.verdict == Verdict::TLE {
                    let mut c = solution_check(Role::Wrong, file, language, expected, w.spec.why.clone(), &at_margin, Some(Verdict::TLE));
                    c.note = format!("{} (at {TLE_MARGIN} × the time limit)", c.note);
                    c
                } else {
                    let report = self.run_cases(&prep, &build, &sel, &cancel, quiet)?;
                    let mut c = solution_check(Role::Wrong, file, language, expected, w.spec.why.clone(), &report, Some(at_margin.verdict));
                    if c.sensitive() {
                        let how = first_failure(&at_margin).unwrap_or_else(|| "every case passes".into());
                        c.note = format!("{}; at {TLE_MARGIN} × the time limit it gets {}: {how}", c.note, at_margin.verdict.code());
                    }
                    c
                }
            } else {
                let report = self.run_cases(&prep, &build, &sel, &cancel, quiet)?;
                let mut c = solution_check(Role::Wrong, file, language, expected, w.spec.why.clone(), &report, None);
                c.skipped = kernel_skip(&problem, &build);
                c
            };
            on_step(VerifyStep::Solution(&check));
            solutions.push(check);
        }
        let generator = match &problem.generator {
            Some(g) => {
                let check = self.check_generator(&problem, g, &opts, settings)?;
                on_step(VerifyStep::Generator(&check));
                Some(check)
            }
            None => None,
        };
        // A kernel problem's time limit is for the GPU run: its CPU reference does not count.
        let slowest = solutions
            .iter()
            .filter(|s| s.role == Role::Reference && s.skipped.is_none() && !(problem.kernel.is_some() && s.language != "cuda"))
            .max_by_key(|s| s.max_cpu_ms);
        let time_limit = TimeLimitCheck {
            time_limit_ms: prep.limits.time_ms,
            slowest_ms: slowest.map_or(0, |s| s.max_cpu_ms),
            slowest: slowest.map_or_else(String::new, |s| format!("{} on {}", s.file, s.slowest_case)),
            sensitive: solutions.iter().filter(|s| s.sensitive()).map(|s| s.file.clone()).collect(),
        };
        Ok(ProblemVerifyReport { problem: id, cases: problem.cases.len(), inputs, solutions, generator, time_limit })
    }

    /// Run the problem's validator on every case input: exit 0 valid, 1 invalid.
    fn validate_own_inputs(&self, problem: &Problem, prog: &judge_registry::CheckerProgram, opts: &Options) -> Result<InputCheck, EngineError> {
        let file = problem.manifest.validator.clone().unwrap_or_else(|| prog.entry.clone());
        let mut check = InputCheck { validator: file.clone(), rejected: Vec::new(), error: None };
        let dir = match rundir::RunDir::create(self.sandbox.uid(), self.temp_dir.as_deref()) {
            Ok(d) => d,
            Err(e) => {
                check.error = Some(format!("cannot create a run directory: {e}"));
                return Ok(check);
            }
        };
        let hidden = self.hidden_paths(problem, None);
        let cmd = match self.program_command(prog, &dir, opts, &hidden) {
            Ok(c) => c,
            Err(crate::SetupError::Config(e)) => {
                return Err(EngineError::Config(format!("{}: field `validator`: {}", problem.origin, e.replace("the checker", "the validator"))))
            }
            Err(crate::SetupError::Internal(e)) => {
                check.error = Some(e);
                return Ok(check);
            }
        };
        for (i, case) in problem.cases.iter().enumerate() {
            let input = dir.private_dir().join(format!("validate-{i}.in"));
            let work = match std::fs::write(&input, &case.input).and_then(|_| dir.fresh_workdir("validate")) {
                Ok(w) => w,
                Err(e) => {
                    check.error = Some(e.to_string());
                    break;
                }
            };
            let result = cmd.run(&self.sandbox, &work, &[], StdinSource::File(input.clone()));
            let _ = std::fs::remove_file(&input);
            let _ = std::fs::remove_dir_all(&work);
            let o = match result {
                Ok(o) => o,
                Err(e) => {
                    check.error = Some(format!("the validator could not run: {e}"));
                    break;
                }
            };
            let m = &o.measurement;
            let why = if m.killed_for_cpu || m.killed_for_wall {
                Some(format!("the validator ran out of time ({} ms CPU)", cmd.cpu_ms))
            } else {
                match m.termination {
                    Termination::Exited(0) => None,
                    Termination::Exited(1) if o.stderr.text().contains("Traceback (most recent call last):") => {
                        Some(format!("the validator crashed: {}", last_line(&o.stderr.data, 200)))
                    }
                    Termination::Exited(1) => {
                        let reason = first_line(&o.stdout.data, 200);
                        Some(if reason.is_empty() { "invalid (the validator gave no reason on stdout)".into() } else { format!("invalid: {reason}") })
                    }
                    Termination::Exited(c) => {
                        Some(format!("the validator exited with code {c} (expected 0 valid or 1 invalid): {}", first_line(&o.stderr.data, 200)))
                    }
                    Termination::Signaled(s) => Some(format!("the validator was killed by {}", judge_core::verdict::signal_name(s))),
                }
            };
            if let Some(why) = why {
                check.rejected.push((case.id.clone(), why));
            }
        }
        Ok(check)
    }

    /// Run the generator in a copy of the problem folder (without `cases/`)
    /// and compare the `cases/` it writes with the committed ones.
    fn check_generator(&self, problem: &Problem, generator: &Generator, opts: &Options, settings: &VerifySettings) -> Result<GeneratorCheck, EngineError> {
        let mut check = GeneratorCheck { file: generator.entry.clone(), compared: 0, differences: Vec::new(), error: None, cpu_ms: 0 };
        let py = self.languages.get("python")?;
        let tc = self.toolchain(py, opts).map_err(|e| EngineError::Config(format!("the generator needs Python: {e}")))?;
        let dir = match rundir::RunDir::create(self.sandbox.uid(), self.temp_dir.as_deref()) {
            Ok(d) => d,
            Err(e) => {
                check.error = Some(format!("cannot create a run directory: {e}"));
                return Ok(check);
            }
        };
        let work = match dir.fresh_workdir("generator") {
            Ok(w) => w,
            Err(e) => {
                check.error = Some(format!("cannot create the generator's folder: {e}"));
                return Ok(check);
            }
        };
        if let Err(e) = install_tree(&work, &generator.files, self.sandbox.uid()) {
            check.error = Some(format!("cannot copy the problem folder: {e}"));
            return Ok(check);
        }
        let entry = work.join(&generator.entry);
        let argv = vec![tc.exe.display().to_string(), "-B".into(), entry.display().to_string()];
        let mut spec = RunSpec::new(&tc.exe, argv, &work);
        spec.env = crate::base_env(&work);
        spec.cpu_ms = settings.generator_cpu_ms;
        spec.wall_ms = settings.generator_cpu_ms * 2 + 10_000;
        spec.memory_kib = Some(2 << 20);
        spec.output_bytes = 1 << 20;
        spec.capture_bytes = 16 << 10;
        spec.file_size_bytes = 64 << 20;
        spec.open_files = 256;
        spec.processes = 64;
        spec.reachable = tc.reachable.clone();
        spec.hidden = self.hidden_paths(problem, None);
        let o = match self.sandbox.run(&spec) {
            Ok(o) => o,
            Err(e) => {
                check.error = Some(format!("the generator could not run: {e}"));
                return Ok(check);
            }
        };
        let m = &o.measurement;
        check.cpu_ms = m.cpu_ms;
        if m.killed_for_cpu || m.killed_for_wall {
            check.error = Some(format!("the generator ran out of time ({} s CPU)", settings.generator_cpu_ms / 1000));
            return Ok(check);
        }
        if m.termination != Termination::Exited(0) {
            let how = match m.termination {
                Termination::Exited(c) => format!("exited with code {c}"),
                Termination::Signaled(s) => format!("was killed by {}", judge_core::verdict::signal_name(s)),
            };
            check.error = Some(format!("the generator {how}: {}", last_line(&o.stderr.data, 300)));
            return Ok(check);
        }
        let generated = match read_cases(&work.join("cases")) {
            Ok(g) => g,
            Err(e) => {
                check.error = Some(format!("cannot read the cases it wrote: {e}"));
                return Ok(check);
            }
        };
        let mut committed: BTreeMap<String, &[u8]> = BTreeMap::new();
        for c in &problem.cases {
            committed.insert(format!("cases/{}.in", c.id), &c.input);
            // Kernel problems have no `.ans` files: the CPU reference computes
            // the expected outputs at judge time.
            if problem.kernel.is_none() {
                committed.insert(format!("cases/{}.ans", c.id), &c.answer);
            }
        }
        for (name, want) in &committed {
            check.compared += 1;
            match generated.get(name) {
                None => check.differences.push(format!("{name}: not written by the generator")),
                Some(got) if got.as_slice() != *want => {
                    let at = got.iter().zip(want.iter()).position(|(a, b)| a != b).unwrap_or(got.len().min(want.len()));
                    check.differences.push(format!("{name}: differs from the committed file at byte {at} ({} bytes generated, {} committed)", got.len(), want.len()));
                }
                Some(_) => {}
            }
        }
        for name in generated.keys().filter(|n| !committed.contains_key(*n)) {
            check.differences.push(format!("{name}: written by the generator but not committed"));
        }
        Ok(check)
    }
}

/// Why a kernel problem's CUDA solution compiled but ran no case: no usable GPU.
fn kernel_skip(problem: &Problem, build: &crate::Build) -> Option<String> {
    if problem.kernel.is_none() || build.failure().is_some() {
        return None;
    }
    crate::gpu_missing(&build.plan).map(|r| format!("compiled; not run: {r}"))
}

fn first_failure(report: &Report) -> Option<String> {
    report
        .cases
        .iter()
        .find(|c| c.verdict != Verdict::AC)
        .map(|c| format!("{}: {}", c.id, c.message))
        .or_else(|| report.compile.as_ref().map(|c| c.message()))
}

fn solution_check(role: Role, file: String, language: String, expected: Vec<Verdict>, why: String, report: &Report, at_margin: Option<Verdict>) -> SolutionCheck {
    let slowest = report.cases.iter().max_by_key(|c| c.cpu_ms);
    SolutionCheck {
        role,
        file,
        language,
        expected,
        got: report.verdict,
        passed: report.passed,
        run: report.cases.len(),
        max_cpu_ms: slowest.map_or(0, |c| c.cpu_ms),
        slowest_case: slowest.map_or_else(String::new, |c| c.id.clone()),
        note: first_failure(report).unwrap_or_default(),
        why,
        at_margin,
        skipped: None,
    }
}

/// Write `files` (relative paths) under `root`, folders and files owned by
/// the sandbox uid so that the generator may write beside them.
fn install_tree(root: &Path, files: &[(String, Vec<u8>)], uid: Option<u32>) -> std::io::Result<()> {
    use std::os::unix::fs::{chown, PermissionsExt};
    let own = |p: &Path, mode: u32| -> std::io::Result<()> {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode))?;
        if let Some(u) = uid {
            chown(p, Some(u), Some(u))?;
        }
        Ok(())
    };
    for (rel, bytes) in files {
        if rel.split('/').any(|c| c.is_empty() || c == "." || c == "..") {
            return Err(std::io::Error::other(format!("unexpected path `{rel}`")));
        }
        let path = root.join(rel);
        let mut dir = root.to_path_buf();
        for comp in rel.split('/').take(rel.split('/').count() - 1) {
            dir.push(comp);
            if !dir.exists() {
                std::fs::create_dir(&dir)?;
                own(&dir, 0o755)?;
            }
        }
        std::fs::write(&path, bytes)?;
        own(&path, 0o644)?;
    }
    Ok(())
}

/// The `.in` and `.ans` files under `cases/` (`cases/sample/01.in` → bytes);
/// symbolic links and other non-regular files are refused, and at most
/// [`GENERATED_MAX_BYTES`] are read.
fn read_cases(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return Ok(out);
    }
    let mut total = 0u64;
    let mut stack = vec![(dir.to_path_buf(), "cases".to_string())];
    while let Some((path, rel)) = stack.pop() {
        let entries = std::fs::read_dir(&path).map_err(|e| format!("{rel}: {e}"))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{rel}: {e}"))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let child = format!("{rel}/{name}");
            let meta = std::fs::symlink_metadata(entry.path()).map_err(|e| format!("{child}: {e}"))?;
            if meta.is_dir() {
                if child.matches('/').count() > 8 {
                    return Err(format!("{child}: folders nested too deep"));
                }
                stack.push((entry.path(), child));
                continue;
            }
            if !(name.ends_with(".in") || name.ends_with(".ans")) {
                continue;
            }
            if !meta.is_file() {
                return Err(format!("{child}: not a regular file"));
            }
            total += meta.len();
            if total > GENERATED_MAX_BYTES {
                return Err(format!("more than {} MiB of cases", GENERATED_MAX_BYTES >> 20));
            }
            let bytes = std::fs::read(entry.path()).map_err(|e| format!("{child}: {e}"))?;
            out.insert(child, bytes);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_cases_are_read_without_following_links() {
        let dir = tempfile::tempdir().unwrap();
        let cases = dir.path().join("cases");
        std::fs::create_dir_all(cases.join("hidden")).unwrap();
        std::fs::write(cases.join("hidden/01.in"), "[1]\n").unwrap();
        std::fs::write(cases.join("hidden/notes.txt"), "ignored").unwrap();
        let got = read_cases(&cases).unwrap();
        assert_eq!(got.keys().collect::<Vec<_>>(), ["cases/hidden/01.in"]);
        assert_eq!(got["cases/hidden/01.in"], b"[1]\n");
        // A generator that links a case to a file of the host gets an error, not the file.
        std::os::unix::fs::symlink("/etc/hostname", cases.join("hidden/01.ans")).unwrap();
        let e = read_cases(&cases).unwrap_err();
        assert!(e.contains("cases/hidden/01.ans: not a regular file"), "{e}");
        // No cases/ at all: nothing generated (every committed case is then missing).
        assert!(read_cases(&dir.path().join("absent")).unwrap().is_empty());
    }

    #[test]
    fn the_copy_of_the_problem_folder_stays_inside_it() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![("gen.py".to_string(), b"x".to_vec()), ("reference/solution.py".to_string(), b"y".to_vec())];
        install_tree(dir.path(), &files, None).unwrap();
        assert_eq!(std::fs::read(dir.path().join("reference/solution.py")).unwrap(), b"y");
        for bad in ["../escape.py", "a//b.py", "/abs.py"] {
            assert!(install_tree(dir.path(), &[(bad.to_string(), Vec::new())], None).is_err(), "{bad}");
        }
    }
}
