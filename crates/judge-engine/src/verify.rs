//! `judge verify`: check a Kattis/ICPC problem package — every input against
//! the package's input validators, the time limit (given, or derived from the
//! accepted submissions as the format specifies), and every submission under
//! `submissions/<folder>/` against the verdict its folder promises.
//!
//! Folder → verdicts. The format knows AC, WA, TLE and RTE only. A run
//! killed at the memory cap counts as RTE (it crashed). Output past the
//! output limit has no verdict of its own: the 2025-09 spec only says such a
//! submission "must be rejected"; problemtools reports it as RTE (the write
//! past RLIMIT_FSIZE raises SIGXFSZ), DOMjudge and BAPCtools packages file
//! flooding programs under `time_limit_exceeded`, others under
//! `wrong_answer`. So OLE satisfies every rejecting folder:
//!
//! | folder | judge verdicts accepted |
//! |---|---|
//! | `accepted` | AC |
//! | `wrong_answer` | WA, OLE |
//! | `time_limit_exceeded` | TLE, OLE; TLE at time limit × `time_limit_to_tle` |
//! | `run_time_error` | RE, MLE, OLE |
//! | `brute_force` | TLE, RE, MLE, OLE |
//! | `rejected` | anything but AC |
//! | `partially_accepted` (legacy, scoring) | WA, TLE, OLE |
//!
//! `partially_accepted`: the legacy spec requires the overall verdict
//! Accepted with a score below the maximum. judge does not compute scores
//! (scoring problems are judged pass-fail), so it checks what that implies
//! for pass-fail judging: some case is rejected (else the score would be the
//! maximum) and none crashes or runs out of memory (a crash is an RTE
//! verdict, not a partial score). The score range itself is not checked.
//!
//! Time limit (2025-09 "Problem timing"): when problem.yaml gives none, every
//! `accepted` submission in a supported language runs once under a generous
//! limit (30 s CPU); the limit is the smallest multiple of `time_resolution`
//! ≥ slowest × `ac_to_time_limit`. Those runs are the accepted submissions'
//! verify runs too (each runs once). Submissions that fail this run are named
//! in the note, not silently dropped. `judge run --package` caches the derived
//! limit under the package's BLAKE3 hash ([`Engine::cached_package_time_limit`]).
//!
//! Submissions: Python 3 (`.py`, `.py3`), Python 2 (`.py2` or a `#!…python2`
//! first line; skipped when no python2 works), C, C++, CUDA (compiled, then
//! skipped where no NVIDIA GPU is usable), and folders of one of
//! these ([`folder_submission`]). Others are skipped with the reason.

use crate::{rundir, Engine, EngineError, Event, Options, Submission};
use judge_core::{Report, Verdict};
use judge_registry::Problem;
use judge_sandbox::StdinSource;
use std::path::{Path, PathBuf};

/// What one submission was expected to get and got.
#[derive(Debug, Clone)]
pub struct SubmissionCheck {
    /// `submissions/<folder>`.
    pub folder: String,
    /// The submission's path.
    pub path: PathBuf,
    /// Verdicts its folder allows (empty when skipped).
    pub expected: Vec<Verdict>,
    /// The verdict it got (`None` when skipped).
    pub got: Option<Verdict>,
    /// Why it was skipped, or the first failing case's message.
    pub note: String,
    /// Skipped (unsupported language or folder).
    pub skipped: bool,
    /// Slowest case, CPU ms.
    pub max_cpu_ms: u64,
}

impl SubmissionCheck {
    /// Whether it got a verdict its folder allows (skipped ones count as fine).
    pub fn agrees(&self) -> bool {
        self.skipped || self.got.is_some_and(|g| self.expected.contains(&g))
    }
}

/// An input validator's findings.
#[derive(Debug, Clone)]
pub struct InputCheck {
    /// The validator's entry file.
    pub validator: String,
    /// Cases it did not accept: (case id, message).
    pub rejected: Vec<(String, String)>,
    /// Set when the validator itself could not run (IE).
    pub error: Option<String>,
}

/// The result of `judge verify` on one package.
#[derive(Debug, Clone)]
pub struct VerifyReport {
    /// Problem id.
    pub problem: String,
    /// The time limit used, ms.
    pub time_limit_ms: u64,
    /// Where the time limit came from.
    pub time_limit_note: String,
    /// Input validation.
    pub inputs: Vec<InputCheck>,
    /// Input validators that were not run: (name, why).
    pub inputs_not_run: Vec<(String, String)>,
    /// Settings of the package that were read but not acted on.
    pub notes: Vec<String>,
    /// Submissions.
    pub submissions: Vec<SubmissionCheck>,
}

impl VerifyReport {
    /// Whether everything agreed: inputs valid, every submission as promised.
    pub fn ok(&self) -> bool {
        self.inputs.iter().all(|i| i.rejected.is_empty() && i.error.is_none()) && self.submissions.iter().all(SubmissionCheck::agrees)
    }
}

/// Verdicts a submissions folder promises; `None` for folders judge does not check.
pub fn folder_verdicts(folder: &str) -> Option<Vec<Verdict>> {
    use Verdict::*;
    Some(match folder {
        "accepted" => vec![AC],
        "wrong_answer" => vec![WA, OLE],
        "time_limit_exceeded" => vec![TLE, OLE],
        "run_time_error" => vec![RE, MLE, OLE],
        "brute_force" => vec![TLE, RE, MLE, OLE],
        "rejected" => vec![WA, TLE, RE, MLE, OLE],
        "partially_accepted" => vec![WA, TLE, OLE],
        _ => return None,
    })
}

/// The language of a submission file, or why judge cannot run it. A `.py`
/// file whose first line is a `#!` naming python2 is Python 2 (as a `.py2`
/// file is): run with the `python2` of the language table when one works,
/// else skipped with the reason.
pub fn submission_language(engine: &Engine, path: &Path) -> Result<String, String> {
    if path.is_dir() {
        return folder_submission(engine, path).map(|f| f.language);
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let mut lang = engine.languages().by_extension(ext).map(|l| l.id.clone()).ok_or_else(|| "language not supported: skipped".to_string())?;
    if lang == "python" {
        let mut head = [0u8; 256];
        let n = std::fs::File::open(path).and_then(|mut f| std::io::Read::read(&mut f, &mut head)).unwrap_or(0);
        let first = String::from_utf8_lossy(&head[..n]).lines().next().unwrap_or("").to_string();
        if first.starts_with("#!") && first.contains("python2") {
            lang = "python2".into();
        }
    }
    if lang == "python2" {
        let cfg = engine.languages().get("python2").map_err(|_| "Python 2 (`python2` shebang or .py2): no python2 in the language table: skipped".to_string())?;
        engine
            .toolchain(cfg, &Options::default())
            .map_err(|e| format!("Python 2 (`python2` shebang or .py2): no working python2 ({}): skipped", e.to_string().lines().next().unwrap_or("")))?;
    }
    // A GPU language (CUDA) without its compiler here: skipped, like Python 2.
    if judge_lang::language(&lang).is_ok_and(|l| l.profile().gpu) {
        let cfg = engine.languages().get(&lang).map_err(|e| format!("{e}: skipped"))?;
        engine.toolchain(cfg, &Options::default()).map_err(|e| format!("no working compiler ({}): skipped", e.to_string().lines().next().unwrap_or("")))?;
    }
    Ok(lang)
}

/// A submission that is a folder (2025-09 "file or directory programs").
#[derive(Debug, Clone)]
pub struct FolderSubmission {
    /// Judge language id.
    pub language: String,
    /// The entry file's name (the program's source).
    pub entry: String,
    /// Every other file of the folder: (name, contents).
    pub others: Vec<(String, Vec<u8>)>,
}

/// Read a folder submission: its files are all of one language (Python,
/// C or C++ by extension; others such as READMEs are carried along). The
/// entry is `entrypoint` of `submissions/submissions.yaml` for exactly this
/// folder when given, else `__main__.py`, `main.py` or the lone `.py` for
/// Python (the spec's default entry point is `__main__.py`), the lone source
/// for C/C++ (several C/C++ sources are not supported: judge compiles one
/// file). Errors say why it is skipped.
pub fn folder_submission(engine: &Engine, dir: &Path) -> Result<FolderSubmission, String> {
    let skip = |why: &str| format!("folder submission: {why}: skipped");
    let mut names: Vec<String> = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| skip(&format!("cannot read it: {e}")))?;
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // The package is only partly trusted: no link is followed (judge
        // reads as root; a link could copy any file into the sandbox).
        if e.file_type().map(|t| t.is_symlink()).unwrap_or(true) {
            return Err(skip(&format!("`{name}` is a symbolic link")));
        }
        if p.is_dir() {
            return Err(skip(&format!("nested folder `{name}` is not supported")));
        }
        if p.is_file() {
            names.push(name);
        }
    }
    names.sort();
    let lang_of = |n: &str| Path::new(n).extension().and_then(|e| e.to_str()).and_then(|e| engine.languages().by_extension(e)).map(|l| l.id.clone());
    let mut langs: Vec<String> = names.iter().filter_map(|n| lang_of(n)).collect();
    langs.sort();
    langs.dedup();
    let language = match langs.as_slice() {
        [one] => one.clone(),
        [] => return Err(skip("no file in a language judge runs")),
        _ => return Err(skip(&format!("several languages ({})", langs.join(", ")))),
    };
    let sources: Vec<&String> = names.iter().filter(|n| lang_of(n).as_deref() == Some(language.as_str())).collect();
    let declared = judge_registry::kattis::submission_entrypoint(dir);
    let entry = if let Some(e) = declared {
        if !names.contains(&e) {
            return Err(skip(&format!("entrypoint `{e}` (submissions.yaml) is not in the folder")));
        }
        e
    } else if language.starts_with("python") {
        ["__main__.py", "main.py"]
            .iter()
            .map(|s| s.to_string())
            .find(|n| names.contains(n))
            .or_else(|| (sources.len() == 1).then(|| sources[0].clone()))
            .ok_or_else(|| skip("no entry point (expected __main__.py, main.py or an `entrypoint` in submissions.yaml)"))?
    } else if sources.len() == 1 {
        sources[0].clone()
    } else {
        return Err(skip("several C/C++ sources (judge compiles one file)"));
    };
    let mut others = Vec::new();
    for n in names.iter().filter(|n| **n != entry) {
        let bytes = std::fs::read(dir.join(n)).map_err(|e| skip(&format!("cannot read {n}: {e}")))?;
        others.push((n.clone(), bytes));
    }
    Ok(FolderSubmission { language, entry, others })
}

/// A package's time limit and how it was found.
#[derive(Debug, Clone)]
pub struct TimeLimit {
    /// The limit, ms.
    pub ms: u64,
    /// Where it came from (given, derived from which submission, cached).
    pub note: String,
    /// The derivation's runs of `accepted` submissions (reused by verify).
    pub probes: Vec<(PathBuf, Report)>,
}

/// Progress of a time-limit derivation, for a status line.
pub type Progress<'a> = &'a mut dyn FnMut(&str);

fn display_name(pkg_dir: &Path, path: &Path) -> String {
    path.strip_prefix(pkg_dir.join("submissions")).unwrap_or(path).display().to_string()
}

impl Engine {
    /// Judge one of a package's submissions (a file or a folder, see
    /// [`folder_submission`]) with the package's constants and included files;
    /// `Err(why)` when judge cannot run it.
    fn judge_file(&self, problem: &Problem, path: &Path, opts: &Options) -> Result<Result<Report, String>, EngineError> {
        let language = match submission_language(self, path) {
            Ok(l) => l,
            Err(why) => return Ok(Err(why)),
        };
        let mut problem = std::borrow::Cow::Borrowed(problem);
        let (file, mut source) = if path.is_dir() {
            // A folder: the entry is the source, the other files go beside it
            // like included files (which win on a name collision, as the spec says).
            let folder = match folder_submission(self, path) {
                Ok(f) => f,
                Err(why) => return Ok(Err(why)),
            };
            let entry = path.join(&folder.entry);
            let source = std::fs::read(&entry).map_err(|e| EngineError::Config(format!("cannot read {}: {e}", entry.display())))?;
            if let Some(pkg) = problem.to_mut().package.as_mut() {
                let mut files: Vec<(String, Vec<u8>)> = folder.others.iter().map(|(n, b)| (n.clone(), pkg.substitute(b))).collect();
                files.extend(pkg.include_files(&language).iter().cloned());
                pkg.includes.retain(|(l, _)| *l != language);
                pkg.includes.push((language.clone(), files));
            }
            (entry, source)
        } else {
            let source = std::fs::read(path).map_err(|e| EngineError::Config(format!("cannot read {}: {e}", path.display())))?;
            (path.to_path_buf(), source)
        };
        // Example submissions get the package's constants (2025-09).
        if let Some(pkg) = &problem.package {
            source = pkg.substitute(&source);
        }
        let sub = Submission { path: file, source, language };
        let mut opts = opts.clone();
        opts.fail_fast = true;
        self.judge(&problem, &sub, &opts, &mut |_: &Event| {}).map(Ok)
    }

    /// The time limit of a package problem and where it came from: given by
    /// `problem.yaml`, or derived from the slowest `accepted` submission (any
    /// supported language), each run once with a 30 s CPU limit. `progress`
    /// gets one line per submission (`[i/N] accepted/x.cpp …`).
    pub fn package_time_limit(&self, problem: &Problem, opts: &Options, progress: Progress<'_>) -> Result<TimeLimit, EngineError> {
        let Some(pkg) = &problem.package else {
            return Ok(TimeLimit { ms: problem.manifest.limits.time_ms, note: "from problem.toml".into(), probes: Vec::new() });
        };
        if let Some(s) = pkg.time_limit_s {
            return Ok(TimeLimit { ms: (s * 1000.0).round() as u64, note: "from problem.yaml".into(), probes: Vec::new() });
        }
        // Run the accepted submissions with a generous limit to find the slowest.
        let mut probe = problem.clone();
        probe.manifest.limits.time_ms = 30_000;
        probe.manifest.limits.wall_ms = Some(60_000);
        let accepted: Vec<&PathBuf> = pkg.submissions.iter().filter(|(f, _)| f == "accepted").map(|(_, p)| p).collect();
        let runnable: Vec<&PathBuf> = accepted.iter().copied().filter(|p| submission_language(self, p).is_ok()).collect();
        let mut slowest: Option<(u64, PathBuf)> = None;
        let mut probes = Vec::new();
        let mut dropped = Vec::new();
        for (i, path) in runnable.iter().enumerate() {
            let name = display_name(&pkg.dir, path);
            progress(&format!("time limit: [{}/{}] running {name} (30 s CPU limit)", i + 1, runnable.len()));
            let Ok(report) = self.judge_file(&probe, path, opts)? else { continue };
            let max = report.cases.iter().map(|c| c.cpu_ms).max().unwrap_or(0);
            if report.verdict == Verdict::AC {
                progress(&format!("time limit: [{}/{}] {name}: AC, slowest case {max} ms", i + 1, runnable.len()));
                if slowest.as_ref().is_none_or(|(m, _)| max > *m) {
                    slowest = Some((max, (*path).clone()));
                }
            } else {
                progress(&format!("time limit: [{}/{}] {name}: {} — not used for the time limit", i + 1, runnable.len(), report.verdict.code()));
                dropped.push(format!("{name} got {}", report.verdict.code()));
            }
            probes.push(((*path).clone(), report));
        }
        let unused = if dropped.is_empty() { String::new() } else { format!("; not used (failed at 30 s): {}", dropped.join(", ")) };
        match slowest {
            Some((ms, path)) => {
                let tl = pkg.derive_time_limit(ms as f64 / 1000.0);
                Ok(TimeLimit {
                    ms: (tl * 1000.0).round() as u64,
                    note: format!(
                        "derived: slowest accepted {} ms ({}; {} accepted submission(s) ran) × {} rounded up to a multiple of {} s{unused}",
                        ms,
                        display_name(&pkg.dir, &path),
                        runnable.len(),
                        pkg.ac_to_time_limit,
                        pkg.time_resolution
                    ),
                    probes,
                })
            }
            None => Ok(TimeLimit {
                ms: problem.manifest.limits.time_ms,
                note: format!("no accepted submission in a supported language passed to derive it from: default{unused}"),
                probes,
            }),
        }
    }

    /// [`Engine::package_time_limit`] through a cache: `cache_dir/<BLAKE3 of
    /// the package's files>.json` holds a derived limit (`{"time_limit_ms",
    /// "note"}`), so `judge run --package` derives once per package version.
    /// A given limit is never cached; an unreadable cache entry is derived
    /// again; a cache that cannot be written is only logged.
    pub fn cached_package_time_limit(&self, problem: &Problem, opts: &Options, cache_dir: Option<&Path>, progress: Progress<'_>) -> Result<TimeLimit, EngineError> {
        let (Some(pkg), Some(cache_dir)) = (&problem.package, cache_dir) else {
            return self.package_time_limit(problem, opts, progress);
        };
        if pkg.time_limit_s.is_some() {
            return self.package_time_limit(problem, opts, progress);
        }
        let hash = judge_registry::kattis::package_hash(&pkg.dir).map_err(|e| EngineError::Config(e.to_string()))?;
        let file = cache_dir.join(format!("{hash}.json"));
        if let Some(v) = std::fs::read(&file).ok().and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok()) {
            if let (Some(ms), Some(note)) = (v["time_limit_ms"].as_u64().filter(|ms| *ms > 0), v["note"].as_str()) {
                return Ok(TimeLimit { ms, note: format!("{note} [cached in {}]", file.display()), probes: Vec::new() });
            }
        }
        let tl = self.package_time_limit(problem, opts, progress)?;
        store_time_limit(&file, &tl);
        Ok(tl)
    }

    /// Verify a package: input validators, time limit, submissions.
    pub fn verify(&self, problem: &Problem, opts: &Options, on_submission: &mut dyn FnMut(&SubmissionCheck)) -> Result<VerifyReport, EngineError> {
        self.verify_with_cache(problem, opts, None, &mut |_| {}, on_submission)
    }

    /// [`Engine::verify`] showing the time-limit derivation's progress, and
    /// storing a derived limit in `cache_dir` (see
    /// [`Engine::cached_package_time_limit`]).
    pub fn verify_with_cache(
        &self,
        problem: &Problem,
        opts: &Options,
        cache_dir: Option<&Path>,
        progress: Progress<'_>,
        on_submission: &mut dyn FnMut(&SubmissionCheck),
    ) -> Result<VerifyReport, EngineError> {
        let pkg = problem.package.as_ref().ok_or_else(|| EngineError::Config(format!("`{}` is not a problem package", problem.id())))?;
        self.preflight(problem, opts)?;
        let tl = self.package_time_limit(problem, opts, progress)?;
        if let (Some(dir), true) = (cache_dir, pkg.time_limit_s.is_none() && !tl.probes.is_empty()) {
            if let Ok(hash) = judge_registry::kattis::package_hash(&pkg.dir) {
                store_time_limit(&dir.join(format!("{hash}.json")), &tl);
            }
        }
        let (time_limit_ms, note) = (tl.ms, tl.note.clone());
        let mut problem = problem.clone();
        problem.manifest.limits.time_ms = time_limit_ms;
        problem.manifest.limits.wall_ms = None;
        let inputs = self.validate_inputs(&problem, opts);
        let mut submissions = Vec::new();
        for (folder, path) in &pkg.submissions {
            let mut check = SubmissionCheck {
                folder: folder.clone(),
                path: path.clone(),
                expected: Vec::new(),
                got: None,
                note: String::new(),
                skipped: false,
                max_cpu_ms: 0,
            };
            let Some(expected) = folder_verdicts(folder) else {
                check.skipped = true;
                check.note = format!("folder `{folder}` is not checked (scoring or unknown)");
                on_submission(&check);
                submissions.push(check);
                continue;
            };
            check.expected = expected;
            // A TLE submission must still time out with the safety margin.
            let mut p = problem.clone();
            if folder == "time_limit_exceeded" {
                p.manifest.limits.time_ms = ((time_limit_ms as f64) * pkg.time_limit_to_tle).round() as u64;
            }
            // An accepted submission already ran for the derived limit: its
            // cases each took ≤ limit / ac_to_time_limit, so the verdict holds.
            let reused = tl.probes.iter().find(|(p, _)| p == path).map(|(_, r)| Ok(r.clone()));
            let result = match reused {
                Some(r) => r,
                None => self.judge_file(&p, path, opts)?,
            };
            match result {
                Err(why) => {
                    check.skipped = true;
                    check.note = why;
                }
                Ok(report) if report.verdict == Verdict::SK => {
                    // Not judged on this machine (CUDA without a GPU): a skip, with the reason.
                    check.skipped = true;
                    check.note = report.cases.first().map(|c| format!("{}: skipped", c.message)).unwrap_or_else(|| "skipped".into());
                }
                Ok(report) => {
                    check.got = Some(report.verdict);
                    check.max_cpu_ms = report.cases.iter().map(|c| c.cpu_ms).max().unwrap_or(0);
                    check.note = report
                        .cases
                        .iter()
                        .find(|c| c.verdict != Verdict::AC)
                        .map(|c| format!("{}: {}", c.id, c.message))
                        .or_else(|| report.compile.as_ref().map(|c| c.message()))
                        .unwrap_or_default();
                }
            }
            on_submission(&check);
            submissions.push(check);
        }
        let mut inputs_not_run = pkg.validators_not_run.clone();
        inputs_not_run.extend(self.checktestdata_not_run(&problem));
        Ok(VerifyReport {
            problem: problem.id().to_string(),
            time_limit_ms,
            time_limit_note: note,
            inputs,
            inputs_not_run,
            notes: pkg.notes.clone(),
            submissions,
        })
    }

    /// Build the output and input validators before anything runs: one that
    /// does not compile is the package's configuration error.
    fn preflight(&self, problem: &Problem, opts: &Options) -> Result<(), EngineError> {
        let dir = rundir::RunDir::create(self.sandbox.uid(), self.temp_dir.as_deref()).map_err(|e| EngineError::Config(format!("cannot create a run directory: {e}")))?;
        let progs = problem.checker_program.iter().chain(problem.package.iter().flat_map(|p| p.input_validators.iter()));
        for prog in progs {
            match self.program_command(prog, &dir, opts, &[]) {
                Ok(_) => {}
                Err(crate::SetupError::Config(e)) => return Err(EngineError::Config(format!("{}: {e}", problem.origin))),
                Err(crate::SetupError::Internal(e)) => return Err(EngineError::Config(format!("{}: cannot prepare {}: {e}", problem.origin, prog.entry))),
            }
        }
        Ok(())
    }

    /// Checktestdata validators that cannot run (no `checktestdata` on PATH).
    fn checktestdata_not_run(&self, problem: &Problem) -> Vec<(String, String)> {
        let Some(pkg) = &problem.package else { return Vec::new() };
        if checktestdata_binary().is_some() {
            return Vec::new();
        }
        pkg.checktestdata.iter().map(|(n, _)| (n.clone(), "checktestdata not installed (Debian package `checktestdata`)".into())).collect()
    }

    /// Run every input validator on every case input: programs as
    /// `validator [args] < input` (exit 42 = valid), checktestdata scripts as
    /// `checktestdata SCRIPT < input` (exit 0 = valid), each in the sandbox.
    fn validate_inputs(&self, problem: &Problem, opts: &Options) -> Vec<InputCheck> {
        let Some(pkg) = &problem.package else { return Vec::new() };
        let mut out = Vec::new();
        let dir = match rundir::RunDir::create(self.sandbox.uid(), self.temp_dir.as_deref()) {
            Ok(d) => d,
            Err(e) => {
                return vec![InputCheck { validator: "-".into(), rejected: Vec::new(), error: Some(format!("cannot create a run directory: {e}")) }]
            }
        };
        let hidden: Vec<PathBuf> = problem.dir.iter().cloned().chain([self.helper.clone()]).collect();
        // (name, command, arguments before the case's, exit code meaning valid, pass case args)
        type Validator = (String, Result<judge_check::CheckerCommand, String>, Vec<String>, i32, bool);
        let mut validators: Vec<Validator> = Vec::new();
        for prog in &pkg.input_validators {
            let cmd = self.program_command(prog, &dir, opts, &hidden).map_err(|e| e.to_string());
            validators.push((prog.entry.clone(), cmd, prog.args.clone(), 42, true));
        }
        if let Some(bin) = checktestdata_binary() {
            for (name, script) in &pkg.checktestdata {
                let cmd = dir
                    .fresh_program_dir()
                    .and_then(|d| rundir::install_readonly(&d, "validator.ctd", script).map(|_| d))
                    .map(|d| judge_check::CheckerCommand {
                        program: bin.clone(),
                        argv: vec![bin.display().to_string(), d.join("validator.ctd").display().to_string()],
                        reachable: bin.parent().map(|p| vec![p.to_path_buf()]).unwrap_or_default(),
                        readable: vec![d.clone()],
                        hidden: hidden.clone(),
                        cpu_ms: 60_000,
                        memory_kib: 2 << 20,
                    })
                    .map_err(|e| format!("cannot install {name}: {e}"));
                validators.push((name.clone(), cmd, Vec::new(), 0, false));
            }
        }
        for (name, cmd, base_args, valid_code, case_args) in validators {
            let mut check = InputCheck { validator: name, rejected: Vec::new(), error: None };
            let cmd = match cmd {
                Ok(c) => c,
                Err(e) => {
                    check.error = Some(e);
                    out.push(check);
                    continue;
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
                let mut args = base_args.clone();
                if case_args {
                    args.extend(case.input_validator_args.iter().cloned());
                }
                let result = cmd.run(&self.sandbox, &work, &args, StdinSource::File(input.clone()));
                let _ = std::fs::remove_file(&input);
                let _ = std::fs::remove_dir_all(&work);
                match result {
                    Ok(o) if o.measurement.termination == judge_core::Termination::Exited(valid_code) => {}
                    Ok(o) => {
                        let msg = String::from_utf8_lossy(&[o.stdout.data.as_slice(), o.stderr.data.as_slice()].concat())
                            .lines()
                            .find(|l| !l.trim().is_empty())
                            .unwrap_or("")
                            .to_string();
                        let how = match o.measurement.termination {
                            judge_core::Termination::Exited(c) => format!("exit code {c}, not {valid_code}"),
                            judge_core::Termination::Signaled(s) => format!("killed by {}", judge_core::verdict::signal_name(s)),
                        };
                        check.rejected.push((case.id.clone(), if msg.is_empty() { how } else { format!("{how}: {msg}") }));
                    }
                    Err(e) => {
                        check.error = Some(e);
                        break;
                    }
                }
            }
            out.push(check);
        }
        out
    }
}

/// `checktestdata` on PATH (the DOMjudge tool, Debian package `checktestdata`).
fn checktestdata_binary() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join("checktestdata")).find(|p| p.is_file()).and_then(|p| std::fs::canonicalize(p).ok())
}

/// Write a derived time limit to the cache (best effort: logged on failure).
fn store_time_limit(file: &Path, tl: &TimeLimit) {
    let doc = serde_json::json!({ "time_limit_ms": tl.ms, "note": tl.note });
    let res = file
        .parent()
        .map(std::fs::create_dir_all)
        .unwrap_or(Ok(()))
        .and_then(|_| std::fs::write(file, serde_json::to_vec_pretty(&doc).unwrap_or_default()));
    if let Err(e) = res {
        tracing::warn!(file = %file.display(), error = %e, "cannot cache the derived time limit");
    }
}
