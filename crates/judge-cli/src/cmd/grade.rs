//! `judge grade [DIR]`: grade a practice repository (every solution in DIR,
//! in parallel) and `judge grade merge REPORT…` (partition reports into one).
//!
//! 1. Discovery: `DIR/judge.toml` (optional, [`GradeManifest`]) says which
//!    files solve which problems, where the repository's own problems are,
//!    points per problem and limit overrides; without `[[solution]]` entries
//!    every `.py`/`.cpp` file is matched by the rules of `judge run` (a
//!    `judge: <id>` marker, else the file name: problem id or function name).
//!    Files matching no problem are listed as ignored, with the reason.
//! 2. Partition (`--partition hash:K/N|slice:K/N`) of the sorted solutions.
//! 3. Running: `-j N` worker threads, each with its own [`Engine`] whose
//!    sandbox uid is `base + slot` (no two concurrent runs share a process
//!    limit; cgroups are per run). Builds run freely; the cases of a solution
//!    run while its worker holds one of the process's CPUs (a token per CPU
//!    of the affinity mask), with the worker thread — and so every process of
//!    the runs it starts — pinned to that CPU: with fewer cores than jobs, no
//!    two timing-sensitive runs share a core. The cases' `wait_ms` is summed
//!    per solution and a grade whose runs waited much is flagged.
//! 4. Output: the scoreboard on stdout (or the grade report with `--format
//!    json`), the `--json`/`--junit`/`--gradescope` files, each written
//!    atomically (a file in a temporary directory beside the target, renamed
//!    over it; the directory is registered with the sandbox's cleanup, so an
//!    interrupted grade leaves either the complete file or none), and on
//!    GitHub Actions annotations and the job summary.

use crate::args::{GradeArgs, GradeCommand, GradeFormat, GradeOutputs};
use crate::error::{internal, usage, CliError, CmdResult};
use crate::output::stdout;
use crate::plan;
use anyhow::{anyhow, Context};
use judge_core::{ExitCode, Report};
use judge_engine::{CancelToken, Engine, EngineError, Options, Prepared, Selection, Submission};
use judge_lang::LanguageTable;
use judge_registry::{Problem, Registry};
use judge_report::grade::{self, GradeReport, HiddenVisibility, Ignored, Scoring, SolutionResult};
use judge_report::terminal_safe;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};

/// The manifest's file name.
pub const MANIFEST: &str = "judge.toml";

/// `judge.toml` of a practice repository.
///
/// ```toml
/// problems = "problems"          # the repository's own problems (optional)
/// scoring = "all-or-nothing"     # or "proportional" (points × passed / total)
///
/// [[solution]]                   # optional: without any, files are matched like `judge run`
/// file = "week1/span.py"
/// problem = "longest-clean-span"
///
/// [problem.longest-clean-span]
/// points = 10                    # default 1
/// [problem.longest-clean-span.limits]   # applied only with --allow-limit-overrides
/// time_ms = 3000
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeManifest {
    /// A registry directory inside the repository (relative to it); its
    /// problems take precedence over the registry's of the same id.
    pub problems: Option<PathBuf>,
    /// How points are earned.
    #[serde(default)]
    pub scoring: Scoring,
    /// Which files solve which problems.
    #[serde(default)]
    pub solution: Vec<ManifestSolution>,
    /// Per-problem settings, by problem id.
    #[serde(default)]
    pub problem: BTreeMap<String, ProblemSettings>,
}

/// `[[solution]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestSolution {
    /// Path relative to the repository.
    pub file: String,
    /// Problem id.
    pub problem: String,
}

/// `[problem.ID]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemSettings {
    /// Points of a solution of this problem (default 1).
    pub points: Option<f64>,
    /// Limit overrides (need `--allow-limit-overrides`).
    pub limits: Option<LimitOverrides>,
}

/// `[problem.ID.limits]`: replaces the problem's own limits.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitOverrides {
    /// CPU time per case, ms (1 to 600000).
    pub time_ms: Option<u64>,
    /// Memory, MiB (1 to 65536).
    pub memory_mib: Option<u64>,
    /// Wall time per case, ms (at least `time_ms`, at most 1800000).
    pub wall_ms: Option<u64>,
    /// Output per stream, KiB (1 to 4194304).
    pub output_kib: Option<u64>,
}

/// `judge grade` and `judge grade merge`.
pub fn grade(args: &GradeArgs, sub: Option<&GradeCommand>) -> CmdResult {
    let (outputs, result) = match sub {
        Some(GradeCommand::Merge { reports, outputs }) => (outputs, merge(reports, outputs)),
        None => (&args.outputs, grade_dir(args)),
    };
    match result {
        Err(e) if outputs.format == GradeFormat::Json => {
            // Never nothing on stdout under --format json.
            let _ = writeln!(stdout(), "{}", grade::error_json(&format!("{:#}", e.error)));
            Err(e)
        }
        r => r,
    }
}

/// A solution found by discovery.
struct Found {
    /// Path relative to the repository, `/`-separated.
    rel: String,
    /// Its path to open (the repository joined with `rel`).
    path: PathBuf,
    language: String,
    problem: String,
}

fn grade_dir(args: &GradeArgs) -> CmdResult {
    let started_unix_ms = now_unix_ms();
    let clock = std::time::Instant::now();
    let root = &args.dir;
    if !root.is_dir() {
        return Err(usage(anyhow!("{}: not a directory", root.display())));
    }
    let manifest_path = root.join(MANIFEST);
    let manifest = read_manifest(&manifest_path)?;
    let min_score = args.outputs.min_score.as_deref().map(parse_min_score).transpose()?;
    let partition = args.partition.as_deref().map(Partition::parse).transpose()?;
    let base = plan::registry(&args.registry)?;
    let repo_problems = manifest.problems.as_ref().map(|p| root.join(p));
    let repo = match &repo_problems {
        Some(dir) => Some(Registry::open(dir).map_err(|e| usage(anyhow!("{}: field `problems`: {e}", manifest_path.display())))?),
        None => None,
    };
    let registries = Registries { repo, base };
    let languages = LanguageTable::load(args.registry.runners.as_deref()).map_err(usage)?;

    // Problems named by the manifest must exist; their settings must be sane.
    for (id, settings) in &manifest.problem {
        if !registries.contains(id) {
            return Err(usage(anyhow!("{}: field `problem.{id}`: unknown problem `{id}`", manifest_path.display())));
        }
        if let Some(p) = settings.points {
            if !p.is_finite() || !(0.0..=1e9).contains(&p) {
                return Err(usage(anyhow!("{}: field `problem.{id}.points`: expected a number from 0 to 1e9, found {p}", manifest_path.display())));
            }
        }
        if settings.limits.is_some() && !args.allow_limit_overrides {
            return Err(usage(anyhow!(
                "{}: field `problem.{id}.limits`: limit overrides are applied only with --allow-limit-overrides (the manifest is part of the graded repository)",
                manifest_path.display()
            )));
        }
    }

    let (found, ignored) = discover(root, &manifest, &manifest_path, repo_problems.as_deref(), &registries, &languages)?;
    let found: Vec<Found> = match &partition {
        Some(p) => p.select(found),
        None => found,
    };

    // Problems, loaded once, limits overridden where allowed.
    let mut problems: HashMap<String, Arc<Problem>> = HashMap::new();
    for f in &found {
        if problems.contains_key(&f.problem) {
            continue;
        }
        let mut p = registries.problem(&f.problem).map_err(usage)?;
        if let Some(lim) = manifest.problem.get(&f.problem).and_then(|s| s.limits.as_ref()) {
            apply_limits(&mut p, lim).map_err(|e| usage(anyhow!("{}: field `problem.{}.limits`: {e}", manifest_path.display(), f.problem)))?;
        }
        problems.insert(f.problem.clone(), Arc::new(p));
    }

    let mut opts = Options { strict_sandbox: args.strict_sandbox, ..Default::default() };
    opts.toolchain_overrides = crate::plan::toolchain_overrides(&Engine::new(PathBuf::new(), languages.clone()), &args.toolchain)?;
    let helper = std::env::current_exe().context("cannot find the judge binary").map_err(internal)?;
    // --strict-sandbox refusing is a configuration error of the whole grade (exit 2), found before anything runs.
    if args.strict_sandbox {
        if let Some(p) = problems.values().next() {
            Engine::new(helper.clone(), languages.clone()).prepare(p.clone(), &opts)?;
        }
    }

    let cores = Cores::of_this_process();
    let jobs = args.jobs.unwrap_or_else(|| cores.count()).clamp(1, MAX_JOBS).min(found.len().max(1));
    let points = |id: &str| manifest.problem.get(id).and_then(|s| s.points).unwrap_or(1.0);
    let show_progress = args.outputs.format == GradeFormat::Human
        && !args.no_progress
        && std::env::var_os("CI").is_none()
        && std::io::stdout().is_terminal()
        && std::io::stderr().is_terminal();

    let results = run_all(&found, &problems, &opts, &helper, &languages, jobs, &cores, show_progress);
    let solutions: Vec<SolutionResult> = found
        .iter()
        .zip(results)
        .map(|(f, r)| match r {
            Ok(mut report) => {
                report.file = Some(f.rel.clone());
                SolutionResult::from_report(f.rel.clone(), report, points(&f.problem), manifest.scoring)
            }
            Err(e) => SolutionResult::failed(f.rel.clone(), f.problem.clone(), f.language.clone(), points(&f.problem), e),
        })
        .collect();
    let mut report = GradeReport::new(solutions, ignored, manifest.scoring, started_unix_ms, clock.elapsed().as_millis() as u64, jobs);
    report.partition = partition.map(|p| p.spec);
    report.require_gpu = args.require_gpu;
    emit(&report, &args.outputs)?;
    Ok(exit_code(&report, min_score))
}

/// Most worker threads (`-j`).
const MAX_JOBS: usize = 256;

fn now_unix_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

fn read_manifest(path: &Path) -> Result<GradeManifest, CliError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(GradeManifest::default()),
        Err(e) => return Err(usage(anyhow!("{}: cannot read: {e}", path.display()))),
    };
    toml::from_str(&text).map_err(|e| usage(anyhow!("{}: {}", path.display(), e.to_string().trim_end())))
}

/// `--min-score`: points (`12.5`) or a share of the maximum (`80%`).
#[derive(Debug, Clone, Copy)]
enum MinScore {
    Points(f64),
    Percent(f64),
}

fn parse_min_score(s: &str) -> Result<MinScore, CliError> {
    let bad = || usage(anyhow!("--min-score: expected points (`12.5`) or a percentage (`80%`), found `{s}`"));
    match s.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().ok().filter(|p| p.is_finite() && (0.0..=100.0).contains(p)).map(MinScore::Percent).ok_or_else(bad),
        None => s.trim().parse::<f64>().ok().filter(|p| p.is_finite() && *p >= 0.0).map(MinScore::Points).ok_or_else(bad),
    }
}

/// 0 when every solution is AC (or skipped, SK, without `--require-gpu`) or
/// the score reaches `--min-score`; else 3 when the judge failed on some
/// solution (IE), 1 otherwise.
fn exit_code(r: &GradeReport, min: Option<MinScore>) -> ExitCode {
    let reached = match min {
        Some(MinScore::Points(p)) => r.score + 1e-9 >= p,
        Some(MinScore::Percent(p)) => r.max_score > 0.0 && r.score * 100.0 + 1e-9 >= p * r.max_score || p == 0.0,
        None => false,
    };
    if reached || r.all_accepted() {
        ExitCode::Accepted
    } else if r.any_internal_error() {
        ExitCode::Internal
    } else {
        ExitCode::Rejected
    }
}

/// The repository's own problems, then the registry's.
struct Registries {
    repo: Option<Registry>,
    base: Registry,
}

impl Registries {
    fn contains(&self, id: &str) -> bool {
        self.repo.as_ref().is_some_and(|r| r.ids().iter().any(|i| i == id)) || self.base.ids().iter().any(|i| i == id)
    }

    fn problem(&self, id: &str) -> anyhow::Result<Problem> {
        if let Some(r) = self.repo.as_ref().filter(|r| r.ids().iter().any(|i| i == id)) {
            return Ok(r.problem(id)?);
        }
        Ok(self.base.problem(id)?)
    }

    /// The rules of `judge run`: a marker, else the file name, against the
    /// repository's problems first.
    fn detect(&self, file: &Path, source: &[u8]) -> Result<String, String> {
        let mut marker_unknown = None;
        for reg in self.repo.iter().chain(std::iter::once(&self.base)) {
            if let Ok(id) = plan::detect_problem(file, source, reg) {
                if self.contains(&id) {
                    return Ok(id);
                }
                marker_unknown = Some(id);
            }
        }
        Err(match marker_unknown {
            Some(id) => format!("its `judge:` marker names an unknown problem `{id}`"),
            None => "matches no problem: no `judge: <id>` marker, and the file name is neither a problem id nor a function name".into(),
        })
    }
}

/// Directories never searched for solutions.
const SKIP_DIRS: &[&str] = &["target", "node_modules", "__pycache__", "venv", "build"];

/// Source files (path, language id) and the files passed over, with why.
type SourceFiles = (Vec<(String, String)>, Vec<Ignored>);

/// Source files under `root` (sorted, relative, `/`-separated): hidden
/// entries, [`SKIP_DIRS`], the problems directory and any problem directory
/// (one with a `problem.toml`) are skipped; symbolic links are not followed.
fn source_files(root: &Path, problems: Option<&Path>, languages: &LanguageTable) -> Result<SourceFiles, CliError> {
    let mut out = Vec::new();
    let mut ignored = Vec::new();
    let problems = problems.and_then(|p| p.canonicalize().ok());
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, rel)) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| usage(anyhow!("{}: cannot list: {e}", dir.display())))?;
        for entry in entries {
            let entry = entry.map_err(|e| usage(anyhow!("{}: cannot list: {e}", dir.display())))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel_path = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
            let ft = entry.file_type().map_err(|e| usage(anyhow!("{}: {e}", entry.path().display())))?;
            let ext = Path::new(&name).extension().and_then(|e| e.to_str()).unwrap_or("");
            if ft.is_dir() {
                let path = entry.path();
                let is_problems = problems.as_ref().is_some_and(|p| path.canonicalize().ok().as_ref() == Some(p));
                if SKIP_DIRS.contains(&name.as_str()) || is_problems || path.join("problem.toml").exists() {
                    continue;
                }
                stack.push((path, rel_path));
            } else if let Some(lang) = languages.by_extension(ext) {
                if ft.is_symlink() {
                    ignored.push(Ignored { file: rel_path, reason: "a symbolic link (not followed)".into() });
                } else if ft.is_file() {
                    out.push((rel_path, lang.id.clone()));
                }
            }
        }
    }
    out.sort();
    Ok((out, ignored))
}

fn discover(
    root: &Path,
    manifest: &GradeManifest,
    manifest_path: &Path,
    problems: Option<&Path>,
    registries: &Registries,
    languages: &LanguageTable,
) -> Result<(Vec<Found>, Vec<Ignored>), CliError> {
    let (files, mut ignored) = source_files(root, problems, languages)?;
    let mut found = Vec::new();
    if manifest.solution.is_empty() {
        for (rel, language) in files {
            let path = root.join(&rel);
            // The marker is in the first lines: a bounded read, whatever the file's size.
            let head = read_capped(&path, DETECT_BYTES).map_err(|e| usage(anyhow!("{}: cannot read: {e}", path.display())))?;
            match registries.detect(&path, &head) {
                Ok(problem) => found.push(Found { rel, path, language, problem }),
                Err(reason) => ignored.push(Ignored { file: rel, reason }),
            }
        }
    } else {
        let mut listed = Vec::new();
        for (i, s) in manifest.solution.iter().enumerate() {
            let field = format!("solution[{i}]");
            let rel = s.file.trim_start_matches("./").to_string();
            let p = Path::new(&rel);
            if rel.is_empty() || p.is_absolute() || p.components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
                return Err(usage(anyhow!("{}: field `{field}.file`: expected a path inside the repository, found `{}`", manifest_path.display(), s.file)));
            }
            let path = root.join(&rel);
            if !path.is_file() {
                return Err(usage(anyhow!("{}: field `{field}.file`: no such file `{rel}`", manifest_path.display())));
            }
            if !registries.contains(&s.problem) {
                return Err(usage(anyhow!("{}: field `{field}.problem`: unknown problem `{}`", manifest_path.display(), s.problem)));
            }
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            let language = languages
                .by_extension(ext)
                .map(|l| l.id.clone())
                .ok_or_else(|| usage(anyhow!("{}: field `{field}.file`: unsupported extension `.{ext}` (expected a language's extension: .py, .cpp, .c, .cu)", manifest_path.display())))?;
            if found.iter().any(|f: &Found| f.rel == rel && f.problem == s.problem) {
                return Err(usage(anyhow!("{}: field `{field}`: `{rel}` is listed twice for `{}`", manifest_path.display(), s.problem)));
            }
            listed.push(rel.clone());
            found.push(Found { rel, path, language, problem: s.problem.clone() });
        }
        for (rel, _) in files {
            if !listed.contains(&rel) {
                ignored.push(Ignored { file: rel, reason: format!("not listed in {MANIFEST} ([[solution]])") });
            }
        }
        found.sort_by(|a, b| a.rel.cmp(&b.rel).then(a.problem.cmp(&b.problem)));
    }
    Ok((found, ignored))
}

/// Bytes read from a file to find its `judge:` marker.
const DETECT_BYTES: u64 = 64 << 10;
/// Bytes of a solution read for judging: one more than the sandbox accepts
/// as a source (64 MiB), so that a larger file is still a CE, read in bounded memory.
const SOURCE_BYTES: u64 = (64 << 20) + 1;

/// At most `max` bytes of a file.
fn read_capped(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::new();
    std::fs::File::open(path)?.take(max).read_to_end(&mut buf)?;
    Ok(buf)
}

fn apply_limits(p: &mut Problem, lim: &LimitOverrides) -> Result<(), String> {
    let range = |field: &str, v: u64, max: u64| if (1..=max).contains(&v) { Ok(()) } else { Err(format!("`{field}`: expected a number from 1 to {max}, found {v}")) };
    let l = &mut p.manifest.limits;
    if let Some(t) = lim.time_ms {
        range("time_ms", t, 600_000)?;
        l.time_ms = t;
        if lim.wall_ms.is_none() {
            l.wall_ms = None;
        }
    }
    if let Some(m) = lim.memory_mib {
        range("memory_mib", m, 65_536)?;
        l.memory_mib = m;
    }
    if let Some(w) = lim.wall_ms {
        range("wall_ms", w, 1_800_000)?;
        if w < l.time_ms {
            return Err(format!("`wall_ms`: expected at least time_ms ({}), found {w}", l.time_ms));
        }
        l.wall_ms = Some(w);
    }
    if let Some(o) = lim.output_kib {
        range("output_kib", o, 4 << 20)?;
        l.output_kib = Some(o);
    }
    Ok(())
}

/// `--partition hash:K/N` or `slice:K/N`.
struct Partition {
    spec: String,
    hash: bool,
    k: usize,
    n: usize,
}

impl Partition {
    fn parse(s: &str) -> Result<Partition, CliError> {
        let bad = || usage(anyhow!("--partition: expected `hash:K/N` or `slice:K/N` with 1 ≤ K ≤ N, found `{s}`"));
        let (kind, kn) = s.split_once(':').ok_or_else(bad)?;
        let (k, n) = kn.split_once('/').ok_or_else(bad)?;
        let (k, n): (usize, usize) = (k.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
        let hash = match kind {
            "hash" => true,
            "slice" => false,
            _ => return Err(bad()),
        };
        if k == 0 || k > n {
            return Err(bad());
        }
        Ok(Partition { spec: format!("{kind}:{k}/{n}"), hash, k, n })
    }

    /// This partition's share of `found` (sorted by path).
    fn select(&self, found: Vec<Found>) -> Vec<Found> {
        let len = found.len();
        let (lo, hi) = ((self.k - 1) * len / self.n, self.k * len / self.n);
        found
            .into_iter()
            .enumerate()
            .filter(|(i, f)| if self.hash { fnv1a(f.rel.as_bytes()) % self.n as u64 == (self.k - 1) as u64 } else { (lo..hi).contains(i) })
            .map(|(_, f)| f)
            .collect()
    }
}

/// FNV-1a, 64 bits: a hash that is the same on every machine and version
/// (`DefaultHasher` is not), so `hash:K/N` partitions are stable.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The CPUs this process may run on, handed out one per running solution.
struct Cores {
    free: Mutex<Vec<usize>>,
    freed: Condvar,
    total: usize,
    /// Whether workers pin themselves (the affinity mask could be read).
    pin: bool,
}

impl Cores {
    fn of_this_process() -> Cores {
        // SAFETY: a zeroed cpu_set_t is a valid empty set; sched_getaffinity fills it.
        let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
        let ok = unsafe { libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) } == 0;
        let cpus: Vec<usize> = if ok { (0..libc::CPU_SETSIZE as usize).filter(|c| unsafe { libc::CPU_ISSET(*c, &set) }).collect() } else { Vec::new() };
        if cpus.is_empty() {
            let n = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
            return Cores { total: n, free: Mutex::new((0..n).collect()), freed: Condvar::new(), pin: false };
        }
        Cores { total: cpus.len(), free: Mutex::new(cpus.into_iter().rev().collect()), freed: Condvar::new(), pin: true }
    }

    fn count(&self) -> usize {
        self.total
    }

    /// Wait for a free CPU; pin the calling thread to it (processes it
    /// starts inherit the mask). The guard unpins and frees it.
    fn acquire(&self) -> CoreGuard<'_> {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        let cpu = loop {
            if let Some(c) = free.pop() {
                break c;
            }
            free = self.freed.wait(free).unwrap_or_else(|e| e.into_inner());
        };
        drop(free);
        let mut previous: Option<libc::cpu_set_t> = None;
        if self.pin {
            // SAFETY: plain syscalls on the calling thread (pid 0) with valid sets.
            unsafe {
                let mut old: libc::cpu_set_t = std::mem::zeroed();
                if libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut old) == 0 {
                    let mut one: libc::cpu_set_t = std::mem::zeroed();
                    libc::CPU_SET(cpu, &mut one);
                    if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &one) == 0 {
                        previous = Some(old);
                    } else {
                        tracing::debug!(cpu, "cannot pin the worker to its CPU; runs are still one per CPU");
                    }
                }
            }
        }
        CoreGuard { cores: self, cpu, previous }
    }
}

struct CoreGuard<'a> {
    cores: &'a Cores,
    cpu: usize,
    previous: Option<libc::cpu_set_t>,
}

impl Drop for CoreGuard<'_> {
    fn drop(&mut self) {
        if let Some(old) = &self.previous {
            // SAFETY: restores the mask read before pinning.
            unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), old) };
        }
        self.cores.free.lock().unwrap_or_else(|e| e.into_inner()).push(self.cpu);
        self.cores.freed.notify_one();
    }
}

/// The first sandbox uid of this grade's pool (`JUDGE_SANDBOX_UID` or a
/// per-process block of [`MAX_JOBS`] uids); worker `slot` runs as `base + slot`.
fn uid_base() -> u32 {
    std::env::var("JUDGE_SANDBOX_UID")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|u| *u > 0 && u.checked_add(MAX_JOBS as u32).is_some())
        .unwrap_or(1_100_000_000 + (std::process::id() % 1_000_000) * MAX_JOBS as u32)
}

/// What a worker tells the main thread.
enum Progress {
    Started(usize),
    Done(usize, Box<Result<Report, String>>),
}

/// Judge every solution on `jobs` workers; results in `found`'s order.
#[allow(clippy::too_many_arguments)]
fn run_all(
    found: &[Found],
    problems: &HashMap<String, Arc<Problem>>,
    opts: &Options,
    helper: &Path,
    languages: &LanguageTable,
    jobs: usize,
    cores: &Cores,
    show_progress: bool,
) -> Vec<Result<Report, String>> {
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<Progress>();
    let base = uid_base();
    let mut results: Vec<Option<Result<Report, String>>> = (0..found.len()).map(|_| None).collect();
    let bar = show_progress.then(|| {
        let bar = indicatif::ProgressBar::new(found.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} solutions  {elapsed}  {wide_msg}") {
            bar.set_style(style);
        }
        bar
    });
    std::thread::scope(|scope| {
        for slot in 0..jobs {
            let tx = tx.clone();
            let next = &next;
            let engine = Engine::new(helper.to_path_buf(), languages.clone()).with_sandbox_uid(base + slot as u32);
            let spawned = std::thread::Builder::new().name(format!("grade-{slot}")).spawn_scoped(scope, move || {
                let mut prepared: HashMap<String, Result<Prepared, String>> = HashMap::new();
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(f) = found.get(i) else { break };
                    let _ = tx.send(Progress::Started(i));
                    let result = judge_one(&engine, &mut prepared, f, problems, opts, cores);
                    let _ = tx.send(Progress::Done(i, Box::new(result)));
                }
            });
            if let Err(e) = spawned {
                tracing::warn!("cannot start worker {slot}: {e}");
            }
        }
        drop(tx);
        let mut running: Vec<usize> = Vec::new();
        for msg in rx {
            match msg {
                Progress::Started(i) => running.push(i),
                Progress::Done(i, r) => {
                    running.retain(|x| *x != i);
                    results[i] = Some(*r);
                    if let Some(b) = &bar {
                        b.inc(1);
                    }
                }
            }
            if let Some(b) = &bar {
                let names: Vec<String> = running.iter().map(|i| terminal_safe(&found[*i].rel).into_owned()).collect();
                b.set_message(names.join(", "));
            }
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    results.into_iter().map(|r| r.unwrap_or_else(|| Err("internal error: no worker judged this solution".into()))).collect()
}

/// Build (any number at once), then run the cases on one CPU of our own.
fn judge_one(
    engine: &Engine,
    prepared: &mut HashMap<String, Result<Prepared, String>>,
    f: &Found,
    problems: &HashMap<String, Arc<Problem>>,
    opts: &Options,
    cores: &Cores,
) -> Result<Report, String> {
    let problem = problems.get(&f.problem).ok_or_else(|| format!("internal error: problem `{}` not loaded", f.problem))?;
    let prep = prepared.entry(f.problem.clone()).or_insert_with(|| engine.prepare(problem.clone(), opts).map_err(|e| e.to_string()));
    let prep = prep.as_ref().map_err(|e| e.clone())?;
    // Read now, by the worker: the sources of a large repository are never all in memory.
    let source = read_capped(&f.path, SOURCE_BYTES).map_err(|e| format!("cannot read {}: {e}", f.rel))?;
    let sub = Submission { path: f.path.clone(), source, language: f.language.clone() };
    let cancel = CancelToken::new();
    let quiet = &mut |_: &judge_core::Event| {};
    let started = now_unix_ms();
    let clock = std::time::Instant::now();
    let build = engine.build(prep, &sub, &cancel, quiet).map_err(describe)?;
    let report = {
        // GPU runs are one at a time (the GPU slot), whatever -j is; taken
        // before a CPU, so a worker waiting for the GPU holds no CPU.
        let _gpu = (build.failure().is_none() && build.needs_gpu()).then(|| GPU_SLOT.lock().unwrap_or_else(|e| e.into_inner()));
        let _core = (build.failure().is_none()).then(|| cores.acquire());
        engine.run_cases(prep, &build, &Selection::default(), &cancel, quiet).map_err(describe)?
    };
    Ok(Report { started_unix_ms: Some(started), duration_ms: Some(clock.elapsed().as_millis() as u64), ..report })
}

/// The GPU: one solution's CUDA runs at a time.
static GPU_SLOT: Mutex<()> = Mutex::new(());

fn describe(e: EngineError) -> String {
    e.to_string()
}

/// Write every output the flags ask for: the files first (atomically), then stdout.
fn emit(r: &GradeReport, outputs: &GradeOutputs) -> Result<(), CliError> {
    if let Some(p) = &outputs.json {
        write_atomically(p, r.to_json().as_bytes())?;
    }
    if let Some(p) = &outputs.junit {
        write_atomically(p, grade::junit(r).as_bytes())?;
    }
    if let Some(p) = &outputs.gradescope {
        let vis = if outputs.after_due_date { HiddenVisibility::AfterDueDate } else { HiddenVisibility::Hidden };
        let doc = serde_json::to_string_pretty(&grade::gradescope(r, vis)).map_err(internal)?;
        write_atomically(p, judge_report::json_safe(doc).as_bytes())?;
    }
    if std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true") {
        github(r, outputs.format == GradeFormat::Json)?;
    }
    if r.solutions.is_empty() {
        let _ = writeln!(anstream::stderr(), "judge: note: no solution to grade{}", r.partition.as_ref().map(|p| format!(" in partition {p}")).unwrap_or_default());
    }
    let mut out = stdout();
    match outputs.format {
        GradeFormat::Json => {
            let _ = writeln!(out, "{}", r.to_json());
        }
        GradeFormat::Human => {
            let _ = grade::write_scoreboard(r, &mut out);
        }
    }
    Ok(())
}

/// GitHub Actions: `::error` annotations on stdout (on stderr when stdout
/// carries the JSON report; the runner reads workflow commands from both),
/// the markdown summary appended to `$GITHUB_STEP_SUMMARY`.
fn github(r: &GradeReport, json_on_stdout: bool) -> Result<(), CliError> {
    for line in grade::github_annotations(r) {
        if json_on_stdout {
            let _ = writeln!(std::io::stderr(), "{line}");
        } else {
            let _ = writeln!(stdout(), "{line}");
        }
    }
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&path)
            .map_err(|e| internal(anyhow!("$GITHUB_STEP_SUMMARY {}: {e}", PathBuf::from(&path).display())))?;
        f.write_all(grade::markdown_summary(r).as_bytes()).map_err(|e| internal(anyhow!("$GITHUB_STEP_SUMMARY: {e}")))?;
    }
    Ok(())
}

/// Write `bytes` to `path` so that it is either the old file, or the
/// complete new one: written into a temporary directory beside it (removed
/// by the cleanup if a signal ends the judge meanwhile), synced, renamed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let fail = |e: std::io::Error| internal(anyhow!("cannot write {}: {e}", path.display()));
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| usage(anyhow!("{}: not a file name", path.display())))?;
    let tmp = tempfile::Builder::new().prefix(".judge-grade-").tempdir_in(&parent).map_err(fail)?;
    judge_sandbox::cleanup::register_dir(tmp.path());
    let result = (|| {
        let file = tmp.path().join(name);
        let mut f = std::fs::File::create(&file)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&file, path)
    })();
    judge_sandbox::cleanup::unregister_dir(tmp.path());
    result.map_err(fail)
}

/// `judge grade merge REPORT…`.
fn merge(reports: &[PathBuf], outputs: &GradeOutputs) -> CmdResult {
    let min_score = outputs.min_score.as_deref().map(parse_min_score).transpose()?;
    let mut parts = Vec::new();
    for p in reports {
        let text = std::fs::read_to_string(p).map_err(|e| usage(anyhow!("{}: cannot read: {e}", p.display())))?;
        let r = GradeReport::from_json(&text).map_err(|e| usage(anyhow!("{}: {e}", p.display())))?;
        parts.push((p.display().to_string(), r));
    }
    let merged = GradeReport::merge(parts).map_err(|e| usage(anyhow!("{e}")))?;
    emit(&merged, outputs)?;
    Ok(exit_code(&merged, min_score))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(rel: &str) -> Found {
        Found { rel: rel.into(), path: rel.into(), language: "python".into(), problem: "p".into() }
    }

    #[test]
    fn partitions_cover_everything_once() {
        let names: Vec<String> = (0..37).map(|i| format!("dir{}/sol{i}.py", i % 5)).collect();
        for kind in ["hash", "slice"] {
            let mut seen: Vec<String> = Vec::new();
            for k in 1..=4 {
                let p = Partition::parse(&format!("{kind}:{k}/4")).unwrap_or_else(|_| panic!("parse"));
                seen.extend(p.select(names.iter().map(|n| found(n)).collect()).into_iter().map(|f| f.rel));
            }
            seen.sort();
            let mut all = names.clone();
            all.sort();
            assert_eq!(seen, all, "{kind}");
        }
        assert!(Partition::parse("hash:0/3").is_err());
        assert!(Partition::parse("hash:4/3").is_err());
        assert!(Partition::parse("mod:1/3").is_err());
    }

    #[test]
    fn hash_partition_is_stable_when_files_are_added() {
        let p = Partition::parse("hash:2/3").unwrap_or_else(|_| panic!("parse"));
        let before: Vec<String> = p.select(vec![found("a.py"), found("b.py"), found("c.py")]).into_iter().map(|f| f.rel).collect();
        let after: Vec<String> = p.select(vec![found("a.py"), found("aa.py"), found("b.py"), found("c.py")]).into_iter().map(|f| f.rel).filter(|r| r != "aa.py").collect();
        assert_eq!(before, after);
        assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
    }

    #[test]
    fn min_score_forms() {
        assert!(matches!(parse_min_score("80%"), Ok(MinScore::Percent(p)) if p == 80.0));
        assert!(matches!(parse_min_score("12.5"), Ok(MinScore::Points(p)) if p == 12.5));
        assert!(parse_min_score("x").is_err());
        assert!(parse_min_score("120%").is_err());
    }

    #[test]
    fn manifest_rejects_unknown_fields() {
        let e = toml::from_str::<GradeManifest>("[problem.x]\npoint = 3\n").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("point"), "{e}");
        let m: GradeManifest = toml::from_str("scoring = \"proportional\"\n[[solution]]\nfile = \"a.py\"\nproblem = \"x\"\n").unwrap_or_default();
        assert_eq!(m.scoring, Scoring::Proportional);
        assert_eq!(m.solution.len(), 1);
    }
}
