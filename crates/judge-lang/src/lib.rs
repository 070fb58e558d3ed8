//! Languages: the editable language table (`runners/languages.toml`), toolchain
//! discovery, the drivers derived from a function signature, build steps and
//! the reading of compiler and interpreter diagnostics.
//!
//! Supported: Python 3 (`python`), C++20 with g++ (`cpp`) and, for stdin/stdout
//! programs only, C17 with gcc (`c`).

pub mod channel;
mod cpp;
pub mod cuda_driver;
mod diagnostics;
pub mod exceptions;
mod discover;
mod table;

pub use diagnostics::{clean_compiler_output, runtime_exception, CompilerLog};
pub use discover::{discover, ResolvedToolchain};
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
}

/// Derive the plan for a submission. `driver_dir` and `build_dir` are where the
/// engine will put the driver files and run the build.
pub fn plan(
    lang: &LanguageConfig,
    toolchain: &ResolvedToolchain,
    files: &RunnerFiles,
    target: Target<'_>,
    source: &[u8],
    driver_dir: &Path,
) -> Result<Plan, LangError> {
    let exe = toolchain.exe.clone();
    let exe_s = exe.display().to_string();
    let d = |name: &str| driver_dir.join(name).display().to_string();
    match lang.id.as_str() {
        "python" => {
            let (script, mut spec) = match target {
                Target::Function(sig) => (
                    "driver.py",
                    serde_json::json!({
                        "entry": sig.name,
                        "params": sig.params.iter().map(|(_, t)| t.to_json()).collect::<Vec<_>>(),
                        "returns": sig.returns.to_json(),
                        "signature": sig.python(),
                    }),
                ),
                Target::Stdio => ("stdio_boot.py", serde_json::json!({})),
            };
            spec["solution"] = d("solution.py").into();
            spec["sys_path"] = toolchain.sys_path.clone().into();
            let driver_files = vec![
                (script.to_string(), files.read(&format!("python/{script}"))?),
                ("solution.py".to_string(), source.to_vec()),
                ("spec.json".to_string(), serde_json::to_vec_pretty(&spec).expect("json")),
            ];
            let mut base = vec![exe_s.clone()];
            base.extend(lang.flags.iter().cloned());
            base.push(d(script));
            let mut check = base.clone();
            check.push("--check".into());
            check.push(d("spec.json"));
            let mut run = base;
            run.push(d("spec.json"));
            Ok(Plan {
                driver_files,
                build: Some(BuildStep { files: vec![], program: exe.clone(), argv: check, artifact: None }),
                run_program: exe,
                run_argv: run,
                reachable: toolchain.reachable.clone(),
                result_channel: matches!(target, Target::Function(_)),
            })
        }
        "cpp" => {
            let mut build_files = vec![("solution.cpp".to_string(), source.to_vec())];
            let main_source = match target {
                Target::Function(sig) => {
                    build_files.push(("judge_driver.hpp".into(), files.read("cpp/judge_driver.hpp")?));
                    build_files.push(("driver.cpp".into(), cpp::generate_driver(sig).into_bytes()));
                    "driver.cpp"
                }
                Target::Stdio => "solution.cpp",
            };
            let mut argv = vec![exe_s];
            argv.extend(lang.flags.iter().cloned());
            argv.extend(["-o".into(), "solution".into(), main_source.into()]);
            Ok(Plan {
                driver_files: vec![],
                build: Some(BuildStep { files: build_files, program: exe, argv, artifact: Some("solution".into()) }),
                run_program: driver_dir.join("solution"),
                run_argv: vec![d("solution")],
                reachable: toolchain.reachable.clone(),
                result_channel: matches!(target, Target::Function(_)),
            })
        }
        "python2" => {
            // Python 2: stdin/stdout programs of problem packages, run as they
            // are (the bootstrap and driver are Python 3 code).
            if let Target::Function(_) = target {
                return Err(LangError::Toolchain(format!("{}: function problems have no Python 2 driver; use Python 3", lang.name)));
            }
            let solution = d("solution.py");
            let mut check = vec![exe_s.clone()];
            check.extend(lang.flags.iter().cloned());
            // Syntax errors as `solution.py:LINE:COL: SyntaxError: msg` (no paths).
            let script = "import sys\ntry:\n    compile(open(sys.argv[1], 'rb').read(), 'solution.py', 'exec')\nexcept SyntaxError as e:\n    sys.stdout.write('solution.py:%s:%s: SyntaxError: %s\\n' % (e.lineno, e.offset or 0, e.msg))\n    sys.exit(1)\n";
            check.extend(["-c".into(), script.into(), solution.clone()]);
            let mut run = vec![exe_s];
            run.extend(lang.flags.iter().cloned());
            run.push(solution);
            Ok(Plan {
                driver_files: vec![("solution.py".to_string(), source.to_vec())],
                build: Some(BuildStep { files: vec![], program: exe.clone(), argv: check, artifact: None }),
                run_program: exe,
                run_argv: run,
                reachable: toolchain.reachable.clone(),
                result_channel: false,
            })
        }
        "c" => {
            // C: stdin/stdout programs only (problem packages); there is no C
            // driver for function problems.
            if let Target::Function(_) = target {
                return Err(LangError::Toolchain(format!(
                    "{}: function problems have no C driver (C is for stdin/stdout problems such as problem packages); use Python or C++",
                    lang.name
                )));
            }
            let mut argv = vec![exe_s];
            argv.extend(lang.flags.iter().cloned());
            argv.extend(["-o".into(), "solution".into(), "solution.c".into(), "-lm".into()]);
            Ok(Plan {
                driver_files: vec![],
                build: Some(BuildStep { files: vec![("solution.c".to_string(), source.to_vec())], program: exe, argv, artifact: Some("solution".into()) }),
                run_program: driver_dir.join("solution"),
                run_argv: vec![d("solution")],
                reachable: toolchain.reachable.clone(),
                result_channel: false,
            })
        }
        other => Err(LangError::Unknown(other.to_string(), "python, python2, cpp, c".into())),
    }
}

/// A starter file for a problem that ships none: the signature with an empty body.
pub fn generated_starter(lang: &str, sig: Option<&Signature>) -> String {
    match (lang, sig) {
        ("python", Some(s)) => format!("{}:\n    # your code here\n    raise NotImplementedError\n", s.python()),
        ("cpp", Some(s)) => format!(
            "#include <bits/stdc++.h>\nusing namespace std;\n\n{} {{\n    // your code here\n    return {{}};\n}}\n",
            s.cpp()
        ),
        ("python", None) => "import sys\n\n\ndef main():\n    data = sys.stdin.read().split()\n\n\nmain()\n".into(),
        _ => "#include <bits/stdc++.h>\nusing namespace std;\n\nint main() {\n    ios::sync_with_stdio(false);\n    cin.tie(nullptr);\n    return 0;\n}\n".into(),
    }
}
