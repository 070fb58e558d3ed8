//! `judge`: a local coding-practice judge with a sandboxed test runner.
//!
//! Exit codes: 0 all cases AC; 1 some case not AC; 2 usage or configuration
//! error; 3 internal error (see `judge_core::ExitCode`), also when stdout
//! cannot be written (a full disk); 141 (128 + SIGPIPE) quietly when stdout
//! is a pipe closed early (`judge list | head -1`); 128 + the signal number
//! on SIGINT (130), SIGTERM (143) or SIGHUP (129), after every process of the
//! runs in progress has been killed and their directories removed.

use anyhow::{anyhow, Context};
use clap::{Args, Parser, Subcommand, ValueEnum};
use judge_core::ExitCode;
use judge_engine::{Engine, Event, Options, Submission};
use judge_lang::LanguageTable;
use judge_registry::{ProblemKind, Registry};
use judge_report::{terminal_safe, HumanReporter};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(name = "judge", version, about = "Local coding-practice judge with a sandboxed test runner")]
struct Cli {
    /// Log what the judge does (tracing) on stderr; -vv for more.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct RegistryArgs {
    /// Problem registry directory (default: the problems embedded in the binary).
    #[arg(long, env = "JUDGE_PROBLEMS", global = true, value_name = "DIR")]
    problems: Option<PathBuf>,
    /// A copy of the runners/ folder with an edited languages.toml.
    #[arg(long, env = "JUDGE_RUNNERS", global = true, value_name = "DIR")]
    runners: Option<PathBuf>,
}

#[derive(Copy, Clone, ValueEnum, PartialEq, Eq)]
enum Lang {
    Python,
    Cpp,
}

impl Lang {
    fn id(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::Cpp => "cpp",
        }
    }
}

#[derive(Copy, Clone, ValueEnum, PartialEq, Eq)]
enum FormatArg {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Judge FILE against a problem's sample and hidden cases.
    Run {
        /// The solution file (.py, .cpp).
        file: PathBuf,
        /// Problem id (default: a `judge: <id>` comment in the first lines, else the file name).
        #[arg(long, short)]
        problem: Option<String>,
        /// Language (default: from the file extension).
        #[arg(long, short)]
        lang: Option<Lang>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = FormatArg::Human)]
        format: FormatArg,
        /// Show hidden cases' data for failing cases.
        #[arg(long)]
        reveal: bool,
        /// Stop at the first case that is not AC.
        #[arg(long)]
        fail_fast: bool,
        /// Python interpreter to use (default: python3 on PATH; also $JUDGE_PYTHON).
        #[arg(long, value_name = "PATH")]
        python: Option<String>,
        /// C++ compiler to use (default: g++ on PATH; also $JUDGE_CXX).
        #[arg(long, value_name = "PATH")]
        cxx: Option<String>,
        /// Refuse to judge unless every sandbox layer is in force (for CI grading).
        #[arg(long, env = "JUDGE_STRICT_SANDBOX")]
        strict_sandbox: bool,
        /// A Kattis/ICPC problem package to judge against (instead of a registry).
        #[arg(long, value_name = "DIR", conflicts_with = "problems")]
        package: Option<PathBuf>,
        #[command(flatten)]
        registry: RegistryArgs,
    },
    /// Verify Kattis/ICPC problem packages: input validators, time limit, and
    /// every submission against the verdict its folder promises.
    Verify {
        /// A package, or a folder of packages.
        dir: PathBuf,
        #[command(flatten)]
        registry: RegistryArgs,
    },
    /// Check this machine: sandbox layers, kernel features, toolchains.
    /// Exits non-zero only when judging is impossible.
    Doctor {
        #[command(flatten)]
        registry: RegistryArgs,
    },
    /// List the problems of the registry.
    List {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = FormatArg::Human)]
        format: FormatArg,
        #[command(flatten)]
        registry: RegistryArgs,
    },
    /// Show a problem: statement, signature per language, samples.
    Show {
        /// Problem id.
        id: String,
        #[command(flatten)]
        registry: RegistryArgs,
    },
    /// Write the starter file of a problem (never overwrites a file).
    New {
        /// Problem id.
        id: String,
        /// Language of the starter.
        #[arg(long, short, value_enum)]
        lang: Lang,
        /// Output file (default: the function name or problem id with the language's extension).
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        registry: RegistryArgs,
    },
}

/// An error with the exit code it maps to.
struct Failure {
    code: ExitCode,
    error: anyhow::Error,
}

fn usage(e: impl Into<anyhow::Error>) -> Failure {
    Failure { code: ExitCode::Usage, error: e.into() }
}

fn main() {
    // The sandbox helper is this same binary, re-executed; it must not parse flags.
    if std::env::args_os().nth(1).is_some_and(|a| a == judge_sandbox::HELPER_SUBCOMMAND) {
        judge_sandbox::helper_main();
    }
    handle_termination_signals();
    raise_open_file_limit();
    let cli = Cli::parse();
    if cli.verbose > 0 {
        let level = if cli.verbose > 1 { "debug" } else { "info" };
        use std::io::IsTerminal;
        let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_ansi(colour)
            .with_env_filter(tracing_subscriber::EnvFilter::new(level))
            .init();
    }
    let code = match run(cli.command) {
        Ok(code) => code,
        Err(f) => {
            let _ = writeln!(anstream::stderr(), "{}", terminal_safe(&format!("judge: error: {:#}", f.error)));
            f.code
        }
    };
    let _ = stdout().flush();
    std::process::exit(code as i32);
}

/// On SIGINT, SIGTERM or SIGHUP: kill every run in progress, remove the run
/// directories and exit with 128 + the signal number, as a shell reports a
/// process killed by that signal. A dedicated thread waits for the signals
/// (signal-hook's self-pipe), so the cleanup runs outside a signal handler.
fn handle_termination_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = match signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) {
        Ok(s) => s,
        Err(e) => {
            // Judging still works; an interrupt then leaves the run directory behind.
            tracing::warn!("cannot handle SIGINT/SIGTERM/SIGHUP: {e}");
            return;
        }
    };
    let spawned = std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(sig) = signals.forever().next() {
            judge_sandbox::cleanup::end_everything();
            std::process::exit(128 + sig);
        }
    });
    if let Err(e) = spawned {
        tracing::warn!("cannot start the signal thread: {e}");
    }
}

/// The judge's stdout: colours stripped when it is not a terminal
/// (`anstream`), and a failed write ends the judge, after ending the runs in
/// progress and removing their directories: a closed pipe (`EPIPE`, e.g.
/// `judge list | head -c1`) quietly with status 141 (128 + SIGPIPE, what a
/// shell reports for a program killed by `SIGPIPE`); any other error (`ENOSPC`
/// on a full disk, `judge list > /dev/full`) with a message on stderr and
/// status 3 (internal error: the output the caller asked for is lost).
struct Stdout(anstream::Stdout);

fn stdout() -> Stdout {
    Stdout(anstream::stdout())
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.write(buf) {
            Err(e) if e.kind() != std::io::ErrorKind::Interrupted => stdout_failed(e),
            r => r,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.0.flush() {
            Err(e) if e.kind() != std::io::ErrorKind::Interrupted => stdout_failed(e),
            r => r,
        }
    }
}

fn stdout_failed(e: std::io::Error) -> ! {
    judge_sandbox::cleanup::end_everything();
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(141);
    }
    let _ = writeln!(std::io::stderr(), "judge: error: cannot write to stdout: {e}");
    std::process::exit(ExitCode::Internal as i32);
}

fn registry(args: &RegistryArgs) -> Result<Registry, Failure> {
    match &args.problems {
        Some(dir) => Registry::open(dir).map_err(usage),
        None => Ok(Registry::embedded()),
    }
}

fn run(cmd: Command) -> Result<ExitCode, Failure> {
    match cmd {
        Command::Doctor { registry: reg } => doctor(&reg),
        Command::Verify { dir, registry: reg } => verify(&dir, &reg),
        Command::Run { file, problem, lang, format, reveal, fail_fast, python, cxx, strict_sandbox, package, registry: reg } => {
            let registry = match &package {
                Some(dir) => Registry::package(dir).map_err(usage)?,
                None => registry(&reg)?,
            };
            let source = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display())).map_err(usage)?;
            let languages = LanguageTable::load(reg.runners.as_deref()).map_err(usage)?;
            let language = match lang {
                Some(l) => l.id().to_string(),
                None => {
                    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
                    languages
                        .by_extension(ext)
                        .map(|l| l.id.clone())
                        .ok_or_else(|| usage(anyhow!("{}: unsupported extension `.{ext}`; expected .py or .cpp (or pass --lang)", file.display())))?
                }
            };
            let id = match (problem, registry.single()) {
                (Some(p), _) => p,
                (None, Some(single)) => single.id().to_string(),
                (None, None) => detect_problem(&file, &source, &registry).map_err(usage)?,
            };
            let mut problem = registry.problem(&id).map_err(usage)?;
            let helper = std::env::current_exe().context("cannot find the judge binary").map_err(|e| Failure { code: ExitCode::Internal, error: e })?;
            let engine = Engine::new(helper, languages);
            let mut opts = Options { fail_fast, reveal, strict_sandbox, ..Default::default() };
            if let Some(p) = python {
                opts.toolchain_overrides.push(("python".into(), p));
            }
            if let Some(c) = cxx {
                opts.toolchain_overrides.push(("cpp".into(), c));
            }
            if problem.package.is_some() {
                let (ms, note) = engine.package_time_limit(&problem, &opts).map_err(usage)?;
                problem.manifest.limits.time_ms = ms;
                problem.manifest.limits.wall_ms = None;
                if format == FormatArg::Human {
                    let _ = writeln!(anstream::stderr(), "{}", terminal_safe(&format!("time limit {ms} ms ({note})")));
                }
            }
            let sub = Submission { path: file.clone(), source, language: language.clone() };
            let human = format == FormatArg::Human;
            let width = problem
                .cases
                .iter()
                .map(|c| if c.hidden && !reveal { "hidden/".len() + 3 } else { c.id.len() })
                .max()
                .unwrap_or(8);
            let mut reporter = HumanReporter::new(stdout()).with_id_width(width);
            let lang_name = engine.languages().get(&language).map(|l| l.name.clone()).unwrap_or(language.clone());
            let report = engine
                .judge(&problem, &sub, &opts, &mut |ev| {
                    if !human {
                        return;
                    }
                    match ev {
                        Event::Compiling { toolchain } => reporter.header(problem.id(), &lang_name, toolchain),
                        Event::CaseFinished { case, .. } => reporter.case(case),
                        Event::CaseStarted { .. } => {}
                    }
                })
                .map_err(usage)?;
            if human {
                reporter.finish(&report);
            } else {
                let _ = writeln!(stdout(), "{}", judge_report::json(&report));
            }
            Ok(ExitCode::for_verdict(report.verdict))
        }
        Command::List { format, registry: reg } => {
            let registry = registry(&reg)?;
            let mut rows = Vec::new();
            for id in registry.ids() {
                match registry.manifest(id) {
                    Ok(m) => rows.push(m),
                    // A package judge cannot run is listed with the reason, not fatal.
                    Err(judge_registry::RegistryError::Unsupported { message, .. }) => {
                        let _ = writeln!(anstream::stderr(), "{}", terminal_safe(&format!("judge: {id}: unsupported: {message}")));
                    }
                    Err(e) => return Err(usage(e)),
                }
            }
            if format == FormatArg::Json {
                let items: Vec<_> = rows
                    .iter()
                    .map(|m| serde_json::json!({"id": m.id, "title": m.title, "kind": format!("{:?}", m.kind).to_lowercase(), "tags": m.tags}))
                    .collect();
                let text = serde_json::to_string_pretty(&items).map_err(|e| Failure { code: ExitCode::Internal, error: e.into() })?;
                let _ = writeln!(stdout(), "{}", judge_report::json_safe(text));
            } else {
                let mut out = stdout();
                for m in &rows {
                    let kind = match m.kind {
                        ProblemKind::Function => "function",
                        ProblemKind::Stdio => "stdio",
                    };
                    let _ = writeln!(out, "{}", terminal_safe(&format!("{:<28} {:<9} {}", m.id, kind, m.title)));
                }
            }
            Ok(ExitCode::Accepted)
        }
        Command::Show { id, registry: reg } => {
            let registry = registry(&reg)?;
            let p = registry.problem(&id).map_err(usage)?;
            // Statements, titles and cases come from the package: printed through
            // the terminal sanitiser.
            let mut out: Vec<u8> = Vec::new();
            let l = p.manifest.limits();
            let _ = writeln!(out, "# {} ({})\n", p.manifest.title, p.id());
            match &p.package {
                Some(pkg) if pkg.time_limit_s.is_none() => {
                    let _ = writeln!(
                        out,
                        "Time limit: derived from the accepted submissions when judged (slowest × {}) · memory limit {} MiB\n",
                        pkg.ac_to_time_limit,
                        l.memory_kib / 1024
                    );
                }
                _ => {
                    let _ = writeln!(out, "Time limit {} ms (CPU) · memory limit {} MiB\n", l.time_ms, l.memory_kib / 1024);
                }
            }
            if let Some(sig) = &p.signature {
                let _ = writeln!(out, "Signature:\n  Python: {}\n  C++:    {}\n", sig.python(), sig.cpp());
            }
            let _ = writeln!(out, "{}", p.statement.trim_end());
            let samples: Vec<_> = p.cases.iter().filter(|c| !c.hidden).collect();
            if !samples.is_empty() {
                let _ = writeln!(out, "\n## Samples");
            }
            for c in samples {
                match (&p.signature, &c.args, &c.expected) {
                    (Some(sig), Some(args), Some(exp)) => {
                        let call: Vec<String> = args.iter().map(|a| a.render()).collect();
                        let _ = writeln!(out, "  {}({}) == {}", sig.name, call.join(", "), exp.render());
                    }
                    _ => {
                        let _ = writeln!(out, "  {}:\n  input:\n{}\n  output:\n{}", c.id, String::from_utf8_lossy(&c.input), String::from_utf8_lossy(&c.answer));
                    }
                }
            }
            let _ = stdout().write_all(terminal_safe(&String::from_utf8_lossy(&out)).as_bytes());
            Ok(ExitCode::Accepted)
        }
        Command::New { id, lang, output, registry: reg } => {
            let registry = registry(&reg)?;
            let p = registry.problem(&id).map_err(usage)?;
            let ext = if lang == Lang::Python { "py" } else { "cpp" };
            let starter = p
                .starters
                .get(&format!("solution.{ext}"))
                .cloned()
                .unwrap_or_else(|| judge_lang::generated_starter(lang.id(), p.signature.as_ref()).into_bytes());
            let default_name = match &p.signature {
                Some(sig) => format!("{}.{ext}", sig.name),
                None => format!("{}.{ext}", p.id().replace('-', "_")),
            };
            let path = output.unwrap_or_else(|| PathBuf::from(default_name));
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(|e| {
                    if e.kind() == std::io::ErrorKind::AlreadyExists {
                        usage(anyhow!("{} already exists; not overwriting it (choose another name with -o)", path.display()))
                    } else {
                        usage(anyhow!("cannot create {}: {e}", path.display()))
                    }
                })?;
            let mut text = Vec::new();
            let marker = if lang == Lang::Python { format!("# judge: {}\n", p.id()) } else { format!("// judge: {}\n", p.id()) };
            if !String::from_utf8_lossy(&starter).contains("judge:") {
                text.extend_from_slice(marker.as_bytes());
            }
            text.extend_from_slice(&starter);
            f.write_all(&text).map_err(|e| usage(anyhow!("cannot write {}: {e}", path.display())))?;
            let extra = match &reg.problems {
                Some(d) if std::env::var_os("JUDGE_PROBLEMS").is_none() => format!(" --problems {}", d.display()),
                _ => String::new(),
            };
            let _ = writeln!(stdout(), "wrote {} — judge it with: judge run {}{extra}", path.display(), path.display());
            Ok(ExitCode::Accepted)
        }
    }
}

/// Raise the soft open-file limit to the hard one: removing a deep tree a
/// program left in its build directory needs one descriptor per level.
fn raise_open_file_limit() {
    let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < lim.rlim_max {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}

/// A writer that passes everything through the terminal sanitiser (for
/// output made of package- or submission-derived text). Whole `writeln!`
/// lines arrive as a few `write` calls, each sanitised on its own.
struct SafeOut<W: Write>(W);

impl<W: Write> Write for SafeOut<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(terminal_safe(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// `judge verify DIR`: exit 0 when every package agrees, 1 when some
/// submission or input disagrees, 2 on configuration errors.
fn verify(dir: &Path, reg: &RegistryArgs) -> Result<ExitCode, Failure> {
    let registry = Registry::open(dir).map_err(usage)?;
    let languages = LanguageTable::load(reg.runners.as_deref()).map_err(usage)?;
    let helper = std::env::current_exe().map_err(|e| Failure { code: ExitCode::Internal, error: e.into() })?;
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
        let report = match engine.verify(&problem, &opts, &mut |c| {
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
        if report.inputs.is_empty() {
            let _ = writeln!(out, "  input validation: no input validators in the package");
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

/// `judge doctor`: layers (by running a probe in the sandbox), kernel
/// features, toolchains. Exit 3 when the sandbox cannot run anything or no
/// toolchain works.
fn doctor(reg: &RegistryArgs) -> Result<ExitCode, Failure> {
    let mut out = stdout();
    let helper = std::env::current_exe().map_err(|e| Failure { code: ExitCode::Internal, error: e.into() })?;
    let sandbox = judge_sandbox::Sandbox::new(helper);
    let mut possible = true;
    let who = if judge_sandbox::linux::is_root() {
        format!("root; programs run as uid {}", sandbox.uid().map(|u| u.to_string()).unwrap_or_default())
    } else {
        "an ordinary user (a user namespace isolates the program)".to_string()
    };
    let _ = writeln!(out, "judge {} — running as {who}\n", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(out, "sandbox layers (a probe run of /bin/true):");
    match sandbox.probe() {
        Ok(layers) => {
            for l in &layers.enforced {
                let _ = writeln!(out, "  enforced   {l}");
            }
            for l in &layers.missing {
                let _ = writeln!(out, "  missing    {l}");
            }
        }
        Err(e) => {
            possible = false;
            let _ = writeln!(out, "  FAILED     {e}");
        }
    }
    let cg = sandbox.cgroups();
    let _ = writeln!(out, "\ncgroups: {}", cg.describe());
    for t in &cg.tried {
        let _ = writeln!(out, "  tried      {t}");
    }
    if let Some(hint) = cg.hint() {
        let _ = writeln!(out, "  to get them: {hint}");
    }
    if judge_sandbox::apparmor_restricts_userns() == Some(true) && !judge_sandbox::linux::is_root() {
        let _ = writeln!(
            out,
            "\nAppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1):\n\
             programs run without namespaces. Fix: {}",
            judge_sandbox::APPARMOR_FIX
        );
    }
    let _ = writeln!(out, "\nkernel features:");
    for f in judge_sandbox::features() {
        let state = if f.available { "available" } else { "unavailable" };
        let _ = writeln!(out, "  {:<18} {state:<12} {}", f.name, f.detail);
    }
    let _ = writeln!(out, "\ntoolchains:");
    let mut any = false;
    match LanguageTable::load(reg.runners.as_deref()) {
        Ok(table) => {
            for lang in table.languages.values() {
                match judge_lang::discover(lang, None) {
                    Ok(tc) => {
                        any = true;
                        let _ = writeln!(out, "  {:<8} {:<10} {}", tc.info.name, tc.info.version, tc.info.path);
                    }
                    Err(e) => {
                        let _ = writeln!(out, "  {:<8} missing    {e}", lang.command);
                    }
                }
            }
        }
        Err(e) => {
            let _ = writeln!(out, "  language table: {e}");
        }
    }
    match nvcc_version() {
        Some((path, v)) => {
            let _ = writeln!(out, "  {:<8} {:<10} {} (CUDA problems are not supported yet)", "nvcc", v, path);
        }
        None => {
            let _ = writeln!(out, "  {:<8} missing    not on PATH (only needed for CUDA problems)", "nvcc");
        }
    }
    if !any {
        possible = false;
        let _ = writeln!(out, "\nno working toolchain: install python3 or g++");
    }
    let _ = writeln!(out, "\n{}", if possible { "judging is possible" } else { "judging is NOT possible here" });
    Ok(if possible { ExitCode::Accepted } else { ExitCode::Internal })
}

fn nvcc_version() -> Option<(String, String)> {
    let path = std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join("nvcc")).find(|p| p.is_file())?;
    let out = std::process::Command::new(&path).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let v = text.lines().find_map(|l| l.split("release ").nth(1)).map(|r| r.split(',').next().unwrap_or(r).to_string())?;
    Some((path.display().to_string(), v))
}

/// The problem of a file: a `judge: <id>` marker in its first 10 lines, else
/// its file name (`longest_clean_span.py` → `longest-clean-span`).
fn detect_problem(file: &Path, source: &[u8], registry: &Registry) -> anyhow::Result<String> {
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
    Err(anyhow!(
        "{}: cannot tell which problem this solves: pass --problem ID, add a `judge: <id>` comment in its first lines, or name the file after the problem (known: {})",
        file.display(),
        registry.ids().join(", ")
    ))
}
