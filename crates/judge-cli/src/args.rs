//! The command line as typed: clap's mirror of the flags (as ripgrep's
//! `LowArgs`). Nothing here is validated beyond what clap does; each command
//! resolves its flags into a plan (`crate::plan`) before doing anything.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "judge", version, about = "Local coding-practice judge with a sandboxed test runner")]
pub struct Cli {
    /// Log what the judge does (tracing) on stderr; -vv for more.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

/// Where problems and language runners come from.
#[derive(Args, Clone, Debug)]
pub struct RegistryArgs {
    /// Problem registry directory (default: the problems embedded in the binary).
    #[arg(long, env = "JUDGE_PROBLEMS", global = true, value_name = "DIR")]
    pub problems: Option<PathBuf>,
    /// A copy of the runners/ folder with an edited languages.toml.
    #[arg(long, env = "JUDGE_RUNNERS", global = true, value_name = "DIR")]
    pub runners: Option<PathBuf>,
}

/// A solution language.
#[derive(Copy, Clone, ValueEnum, PartialEq, Eq, Debug)]
pub enum Lang {
    Python,
    Cpp,
    C,
    Cuda,
}

impl Lang {
    /// The language table's id.
    pub fn id(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::Cpp => "cpp",
            Lang::C => "c",
            Lang::Cuda => "cuda",
        }
    }
}

/// Output formats.
#[derive(Copy, Clone, ValueEnum, PartialEq, Eq, Debug)]
pub enum FormatArg {
    /// Live lines for people.
    Human,
    /// One JSON document at the end (docs/report-schema.md).
    Json,
    /// JSON Lines: one event per line as it happens.
    Jsonl,
}

/// Which interpreter or compiler each language uses (`judge run`, `watch`,
/// `grade`); see `judge_cli::plan::toolchain_overrides`.
#[derive(Args, Clone, Debug, Default)]
pub struct ToolchainArgs {
    /// Python interpreter to use (default: python3 on PATH; also $JUDGE_PYTHON).
    #[arg(long, value_name = "PATH")]
    pub python: Option<String>,
    /// C++ compiler to use (default: g++ on PATH; also $JUDGE_CXX).
    #[arg(long, value_name = "PATH")]
    pub cxx: Option<String>,
    /// nvcc to use for CUDA (default: $CUDA_HOME/bin/nvcc, $CUDA_PATH/bin/nvcc,
    /// nvcc on PATH, then `make cuda-toolchain`'s cache; also $JUDGE_NVCC).
    #[arg(long, value_name = "PATH")]
    pub nvcc: Option<String>,
    /// Interpreter or compiler of any language (repeatable): `c=/usr/bin/gcc-13`,
    /// `cuda=/opt/cuda/bin/nvcc`. --python, --cxx and --nvcc are short for
    /// `python=`, `cpp=` and `cuda=`.
    #[arg(long = "toolchain", value_name = "LANG=PATH")]
    pub toolchains: Vec<String>,
}

/// The flags shared by `judge run` and `judge watch`.
#[derive(Args, Clone, Debug)]
pub struct JudgeArgs {
    /// The solution file (.py, .cpp, .c, .cu).
    pub file: PathBuf,
    /// Problem id (default: a `judge: <id>` comment in the first lines, else the file name: the problem id or its function's name).
    #[arg(long, short)]
    pub problem: Option<String>,
    /// Language (default: from the file extension).
    #[arg(long, short)]
    pub lang: Option<Lang>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Show hidden cases' data for failing cases.
    #[arg(long)]
    pub reveal: bool,
    /// Stop at the first case that is not AC.
    #[arg(long)]
    pub fail_fast: bool,
    /// Run the sample cases only.
    #[arg(long)]
    pub samples: bool,
    /// Run only this case (repeatable): `sample/01-example`, `hidden/3`.
    #[arg(long = "case", value_name = "ID")]
    pub cases: Vec<String>,
    #[command(flatten)]
    pub toolchain: ToolchainArgs,
    /// Language standard for C, C++ or CUDA (`gnu++23`, `c++17`, `gnu17`):
    /// replaces the table's `-std=` (and the problem's `[languages]` setting).
    #[arg(long, value_name = "STD")]
    pub std: Option<String>,
    /// Refuse to judge unless every sandbox layer is in force (for CI grading).
    #[arg(long, env = "JUDGE_STRICT_SANDBOX")]
    pub strict_sandbox: bool,
    /// Function problems: run every case in a fresh process instead of one
    /// process for the sample cases, then the hidden ones (a new process
    /// after a crash or a limit), which can keep state between cases.
    #[arg(long)]
    pub isolate: bool,
    /// Run cases on N parallel workers (wall times are then not comparable;
    /// CPU time is still per case). With --fail-fast, one at a time.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
    /// A Kattis/ICPC problem package to judge against (instead of a registry).
    #[arg(long, value_name = "DIR", conflicts_with = "problems")]
    pub package: Option<PathBuf>,
    #[command(flatten)]
    pub registry: RegistryArgs,
}

#[derive(Subcommand)]
pub enum Command {
    /// Judge FILE against a problem's sample and hidden cases.
    Run {
        #[command(flatten)]
        judge: JudgeArgs,
        /// Run FILE on a custom input instead of the cases (`-`: stdin). Function
        /// problems: a JSON array of arguments; stdio problems: the raw stdin.
        /// Prints what it returned or printed and, where the problem has a
        /// reference solution, the reference's answer and whether they agree.
        #[arg(long, value_name = "FILE|-")]
        input: Option<String>,
    },
    /// Judge FILE now and again on every save, beside the editor: sample cases
    /// first, then the case that failed last time, then the other hidden cases.
    /// A save during a run cancels it. Keys (on a terminal): r re-judge,
    /// a all cases, s samples only, f only the failing cases, v reveal hidden
    /// failing cases, q quit. Piped: one report per run, no keys.
    Watch {
        #[command(flatten)]
        judge: JudgeArgs,
        /// Poll the files every MS milliseconds instead of waiting for file-system
        /// events: for file systems that send none (network mounts, WSL's /mnt/c,
        /// some containers' bind mounts).
        #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(10..=60_000))]
        poll: Option<u64>,
    },
    /// Verify problems for authors: references AC on every case, known-wrong
    /// solutions rejected as promised, inputs valid, generator deterministic,
    /// time limit with a margin (Kattis/ICPC packages: input validators, time
    /// limit, every submission against the verdict its folder promises).
    /// Exit 0 all passed, 1 a check failed, 2 a problem could not be verified.
    Verify {
        /// Problem ids of the registry (`--problems DIR`, else the embedded
        /// one), or directories: a Kattis package, a problem folder, or a
        /// folder of them. An existing directory is always taken as a path.
        /// None: every problem of the registry.
        #[arg(value_name = "ID|DIR")]
        targets: Vec<String>,
        /// Only solutions in this language.
        #[arg(long, short, value_enum)]
        lang: Option<Lang>,
        #[command(flatten)]
        registry: RegistryArgs,
    },
    /// Check this machine: sandbox layers, kernel features, toolchains.
    /// Exits non-zero only when judging is impossible.
    Doctor {
        #[command(flatten)]
        registry: RegistryArgs,
    },
    /// List the problems of the registry (id, kind, difficulty, title, tags).
    List {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = FormatArg::Human)]
        format: FormatArg,
        /// Only problems with this tag.
        #[arg(long)]
        tag: Option<String>,
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
    /// The compile cache: where it is and how big (`judge cache`), or empty it
    /// (`judge cache clear`).
    Cache {
        /// `clear` removes every entry.
        #[arg(value_parser = ["clear"])]
        action: Option<String>,
    },
    /// Grade a practice repository: judge every solution in DIR (in parallel),
    /// print a scoreboard, write JSON/JUnit/Gradescope reports (docs/grade.md).
    /// Exit 0 when every solution is AC (or the score reaches --min-score), 1
    /// otherwise, 2 for usage or configuration errors.
    #[command(args_conflicts_with_subcommands = true)]
    Grade {
        #[command(flatten)]
        grade: GradeArgs,
        #[command(subcommand)]
        merge: Option<GradeCommand>,
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

/// Formats of `judge grade`'s stdout.
#[derive(Copy, Clone, ValueEnum, PartialEq, Eq, Debug)]
pub enum GradeFormat {
    /// The scoreboard.
    Human,
    /// The grade report (docs/grade.md); also a JSON document for a configuration error.
    Json,
}

/// Where `judge grade` writes its reports.
#[derive(Args, Clone, Debug)]
pub struct GradeOutputs {
    /// Write the grade report (JSON, docs/grade.md) to PATH.
    #[arg(long, value_name = "PATH")]
    pub json: Option<PathBuf>,
    /// Write JUnit XML (one testsuite per solution, one testcase per case) to PATH.
    #[arg(long, value_name = "PATH")]
    pub junit: Option<PathBuf>,
    /// Write Gradescope's results.json to PATH.
    #[arg(long, value_name = "PATH")]
    pub gradescope: Option<PathBuf>,
    /// Gradescope: show hidden cases' entries after the due date instead of never.
    #[arg(long)]
    pub after_due_date: bool,
    /// Output format on stdout.
    #[arg(long, short, value_enum, default_value_t = GradeFormat::Human)]
    pub format: GradeFormat,
    /// Exit 0 when the score reaches this many points (`12.5`) or this share of the maximum (`80%`).
    #[arg(long, value_name = "POINTS|PCT%")]
    pub min_score: Option<String>,
}

/// `judge grade [DIR]`.
#[derive(Args, Clone, Debug)]
pub struct GradeArgs {
    /// The practice repository (default: the current directory).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Worker threads (default: the number of cores). Test cases of at most
    /// one solution run on a core at a time, whatever N is.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Judge a deterministic share: `hash:K/N` (by a hash of the file path,
    /// stable when files are added) or `slice:K/N` (the K-th of N runs of the
    /// sorted list); K from 1.
    #[arg(long, value_name = "hash:K/N|slice:K/N")]
    pub partition: Option<String>,
    /// Apply `[problem.ID.limits]` of judge.toml (off by default: the
    /// manifest is in the graded repository).
    #[arg(long)]
    pub allow_limit_overrides: bool,
    /// Refuse to judge unless every sandbox layer is in force.
    #[arg(long, env = "JUDGE_STRICT_SANDBOX")]
    pub strict_sandbox: bool,
    #[command(flatten)]
    pub toolchain: ToolchainArgs,
    /// Treat skipped solutions (SK: a CUDA program without a usable NVIDIA
    /// GPU) as failed: they score 0 and the grade exits 1.
    #[arg(long)]
    pub require_gpu: bool,
    /// Never show a progress bar (it is shown only on a terminal, never when $CI is set).
    #[arg(long)]
    pub no_progress: bool,
    #[command(flatten)]
    pub outputs: GradeOutputs,
    #[command(flatten)]
    pub registry: RegistryArgs,
}

/// Subcommands of `judge grade`.
#[derive(Subcommand, Clone, Debug)]
pub enum GradeCommand {
    /// Merge partial grade reports (`--json` of each partition) into one, and
    /// write the scoreboard and any format from it.
    Merge {
        /// The partial reports.
        #[arg(required = true)]
        reports: Vec<PathBuf>,
        #[command(flatten)]
        outputs: GradeOutputs,
    },
}
