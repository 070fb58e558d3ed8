//! `judge verify`: check a Kattis/ICPC problem package — every input against
//! the package's input validators, the time limit (given, or derived from the
//! accepted submissions as the format specifies), and every submission under
//! `submissions/<folder>/` against the verdict its folder promises.
//!
//! Folder → verdicts (the format knows AC, WA, TLE and RTE; it has no MLE or
//! OLE verdict, so a run killed at the memory cap counts as RTE — it crashed —
//! and output past the limit as WA — its output is wrong):
//!
//! | folder | judge verdicts accepted |
//! |---|---|
//! | `accepted` | AC |
//! | `wrong_answer` | WA, OLE |
//! | `time_limit_exceeded` | TLE, at time limit × `time_limit_to_tle` |
//! | `run_time_error` | RE, MLE |
//! | `brute_force` | TLE, RE, MLE |
//! | `rejected` | anything but AC |

use crate::{rundir, Engine, EngineError, Event, Options, Submission};
use judge_core::Verdict;
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
        "time_limit_exceeded" => vec![TLE],
        "run_time_error" => vec![RE, MLE],
        "brute_force" => vec![TLE, RE, MLE],
        "rejected" => vec![WA, TLE, RE, MLE, OLE],
        _ => return None,
    })
}

/// The language of a submission file, if judge supports it.
pub fn submission_language(engine: &Engine, path: &Path) -> Option<String> {
    if !path.is_file() {
        return None;
    }
    let ext = path.extension()?.to_str()?;
    engine.languages().by_extension(ext).map(|l| l.id.clone())
}

impl Engine {
    /// Judge one file of a package's submissions; `None` if unsupported.
    fn judge_file(&self, problem: &Problem, path: &Path, opts: &Options) -> Result<Option<judge_core::Report>, EngineError> {
        let Some(language) = submission_language(self, path) else { return Ok(None) };
        let source = std::fs::read(path).map_err(|e| EngineError::Config(format!("cannot read {}: {e}", path.display())))?;
        let sub = Submission { path: path.to_path_buf(), source, language };
        let mut opts = opts.clone();
        opts.fail_fast = true;
        self.judge(problem, &sub, &opts, &mut |_: &Event| {}).map(Some)
    }

    /// The time limit of a package problem, ms, and where it came from: given
    /// by `problem.yaml`, or derived from the slowest accepted submission.
    pub fn package_time_limit(&self, problem: &Problem, opts: &Options) -> Result<(u64, String), EngineError> {
        let Some(pkg) = &problem.package else {
            return Ok((problem.manifest.limits.time_ms, "from problem.toml".into()));
        };
        if let Some(s) = pkg.time_limit_s {
            return Ok(((s * 1000.0).round() as u64, "from problem.yaml".into()));
        }
        // Run the accepted submissions with a generous limit to find the slowest.
        let mut probe = problem.clone();
        probe.manifest.limits.time_ms = 30_000;
        probe.manifest.limits.wall_ms = Some(60_000);
        let mut slowest: Option<(u64, PathBuf)> = None;
        for (folder, path) in &pkg.submissions {
            if folder != "accepted" {
                continue;
            }
            if let Some(report) = self.judge_file(&probe, path, opts)? {
                if report.verdict == Verdict::AC {
                    let max = report.cases.iter().map(|c| c.cpu_ms).max().unwrap_or(0);
                    if slowest.as_ref().is_none_or(|(m, _)| max > *m) {
                        slowest = Some((max, path.clone()));
                    }
                }
            }
        }
        match slowest {
            Some((ms, path)) => {
                let tl = pkg.derive_time_limit(ms as f64 / 1000.0);
                Ok((
                    (tl * 1000.0).round() as u64,
                    format!(
                        "derived: slowest accepted {} ms ({}) × {} rounded up to a multiple of {} s",
                        ms,
                        path.file_name().unwrap_or_default().to_string_lossy(),
                        pkg.ac_to_time_limit,
                        pkg.time_resolution
                    ),
                ))
            }
            None => Ok((problem.manifest.limits.time_ms, "no accepted submission in a supported language to derive it from: default".into())),
        }
    }

    /// Verify a package: input validators, time limit, submissions.
    pub fn verify(&self, problem: &Problem, opts: &Options, on_submission: &mut dyn FnMut(&SubmissionCheck)) -> Result<VerifyReport, EngineError> {
        let pkg = problem.package.as_ref().ok_or_else(|| EngineError::Config(format!("`{}` is not a problem package", problem.id())))?;
        self.preflight(problem, opts)?;
        let (time_limit_ms, note) = self.package_time_limit(problem, opts)?;
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
            match self.judge_file(&p, path, opts)? {
                None => {
                    check.skipped = true;
                    check.note = if path.is_dir() {
                        "multi-file submissions are not supported: skipped".into()
                    } else {
                        "language not supported: skipped".into()
                    };
                }
                Some(report) => {
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
        Ok(VerifyReport { problem: problem.id().to_string(), time_limit_ms, time_limit_note: note, inputs, submissions })
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

    /// Run every input validator on every case input (`validator [args] < input`, 42 = valid).
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
        for prog in &pkg.input_validators {
            let mut check = InputCheck { validator: prog.entry.clone(), rejected: Vec::new(), error: None };
            let cmd = match self.program_command(prog, &dir, opts, &hidden) {
                Ok(c) => c,
                Err(e) => {
                    check.error = Some(e.to_string());
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
                let mut args = prog.args.clone();
                args.extend(case.input_validator_args.iter().cloned());
                let result = cmd.run(&self.sandbox, &work, &args, StdinSource::File(input.clone()));
                let _ = std::fs::remove_file(&input);
                let _ = std::fs::remove_dir_all(&work);
                match result {
                    Ok(o) if o.measurement.termination == judge_core::Termination::Exited(42) => {}
                    Ok(o) => {
                        let msg = String::from_utf8_lossy(&[o.stdout.data.as_slice(), o.stderr.data.as_slice()].concat())
                            .lines()
                            .find(|l| !l.trim().is_empty())
                            .unwrap_or("")
                            .to_string();
                        let how = match o.measurement.termination {
                            judge_core::Termination::Exited(c) => format!("exit code {c}, not 42"),
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
