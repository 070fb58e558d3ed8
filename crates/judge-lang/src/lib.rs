//! Languages: the editable language table (`runners/languages.toml`), toolchain
//! discovery, the drivers derived from a function signature, build steps and
//! the reading of compiler and interpreter diagnostics.
//!
//! Supported: Python 3 (`python`), C++20 with g++ (`cpp`), CUDA C++ with nvcc
//! (`cuda`) and, for stdin/stdout programs only, C17 with gcc (`c`) and
//! Python 2 (`python2`). Everything that differs between languages is in
//! [`language`]: one implementation of [`Language`] per language.

pub mod channel;
mod cpp;
pub mod cuda_driver;
mod diagnostics;
pub mod exceptions;
mod discover;
pub mod language;
pub mod probe_cache;
mod table;

pub use diagnostics::{clean_compiler_output, runtime_exception, CompilerLog};
pub use discover::{discover, discover_cached, ResolvedToolchain};
pub use language::{language, BuildOptions, Candidate, Language, PlanInput, SandboxProfile};
pub use table::{LanguageConfig, LanguageTable, RunnerFiles};

use judge_core::Signature;
use std::path::{Path, PathBuf};

/// Errors of this crate: configuration problems (exit code 2) or a missing toolchain.
#[derive(Debug, thiserror::Error)]
pub enum LangError {
    /// The language table is malformed.
    #[error("{file}: {message}")]
    Table { file: String, message: String },
    /// A file of the runners directory is missing.
    #[error("{0}")]
    MissingFile(String),
    /// No such language.
    #[error("unknown language `{0}` (known: {1})")]
    Unknown(String, String),
    /// The interpreter or compiler was not found or does not work.
    #[error("{0}")]
    Toolchain(String),
    /// A build option (`--std`, a problem's `[languages]` table) is invalid.
    #[error("{0}")]
    Option(String),
}

/// What is being built: a function problem's driver or a stdio program.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A function problem with this signature.
    Function(&'a Signature),
    /// A stdin/stdout program.
    Stdio,
}

/// A build (or, for Python, a syntax check) run in the sandbox before any case.
#[derive(Debug, Clone)]
pub struct BuildStep {
    /// Files written into the build directory first: (name, contents).
    pub files: Vec<(String, Vec<u8>)>,
    /// Absolute program path.
    pub program: PathBuf,
    /// argv.
    pub argv: Vec<String>,
    /// A file the step produces in the build directory, copied into the driver
    /// directory afterwards (the compiled binary).
    pub artifact: Option<String>,
}

/// Everything needed to judge one submission in one language.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Files for the driver directory (root-owned, read-only to the program).
    pub driver_files: Vec<(String, Vec<u8>)>,
    /// The build or check step.
    pub build: Option<BuildStep>,
    /// The program to run per case (absolute).
    pub run_program: PathBuf,
    /// Its argv.
    pub run_argv: Vec<String>,
    /// Directories the sandbox must make reachable (interpreter prefixes).
    pub reachable: Vec<PathBuf>,
    /// Whether the program reports on the result channel (function problems).
    pub result_channel: bool,
    /// How the language's programs are sandboxed (GPU devices, address-space
    /// limit, processes).
    pub profile: SandboxProfile,
}

/// Derive the plan for a submission (the table's options). `driver_dir` is
/// where the engine will put the driver files.
pub fn plan(
    lang: &LanguageConfig,
    toolchain: &ResolvedToolchain,
    files: &RunnerFiles,
    target: Target<'_>,
    source: &[u8],
    driver_dir: &Path,
) -> Result<Plan, LangError> {
    plan_with(lang, toolchain, files, target, source, driver_dir, &BuildOptions::default())
}

/// [`plan`] with build options (`--std`).
pub fn plan_with(
    lang: &LanguageConfig,
    toolchain: &ResolvedToolchain,
    files: &RunnerFiles,
    target: Target<'_>,
    source: &[u8],
    driver_dir: &Path,
    options: &BuildOptions,
) -> Result<Plan, LangError> {
    let language = language::language(&lang.id)?;
    if options.std.is_some() && !language.has_standard() {
        return Err(LangError::Option(format!("--std / [languages]: {} has no language standard to choose", lang.name)));
    }
    language.plan(PlanInput { cfg: lang, toolchain, files, target, source, driver_dir, options })
}

/// A starter file for a problem that ships none: the signature with an empty
/// body (function problems) or an empty `main` (stdin/stdout problems). A
/// language without a starter of that kind gets the C++ one.
pub fn generated_starter(lang: &str, sig: Option<&Signature>) -> String {
    language::language(lang)
        .ok()
        .and_then(|l| l.starter(sig))
        .or_else(|| language::language("cpp").ok().and_then(|l| l.starter(sig)))
        .unwrap_or_default()
}
