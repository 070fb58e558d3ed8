//! The language trait: everything that differs between languages, in one
//! place. Adding a language is one module here (an implementation of
//! [`Language`] added to [`all`]) and one table entry in
//! `runners/languages.toml`; nothing else in the workspace names a language.
//!
//! Implementations: Python 3 (`python`), Python 2 (`python2`), C++ (`cpp`),
//! C (`c`) and CUDA C++ (`cuda`).

mod c;
mod cpp;
mod cuda;
mod python2;
mod python3;

use crate::{LangError, LanguageConfig, Plan, ResolvedToolchain, RunnerFiles, Target};
use judge_core::Signature;
use std::path::{Path, PathBuf};

pub use cuda::{cache_dir as cuda_cache_dir, parse_nvcc_version};

/// How a language's programs must be sandboxed, beyond the problem's limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SandboxProfile {
    /// The program needs an NVIDIA GPU: the `/dev/nvidia*` device nodes are
    /// opened to it (read-write, nothing else of `/dev` beyond the usual
    /// null/zero/full/urandom), and without a usable GPU its cases are not
    /// run but skipped (SK).
    pub gpu: bool,
    /// Whether the memory limit may fall back to `RLIMIT_AS` (where no memory
    /// cgroup enforces it). `false` for CUDA, whose driver reserves far more
    /// address space than it uses: the limit then holds only through a
    /// memory cgroup, and a run without one says the limit was not enforced.
    pub address_space_limit: bool,
    /// Processes and threads the program gets at least (`RLIMIT_NPROC`, pids
    /// cgroup), whatever the problem's limit: the CUDA runtime starts a few
    /// threads of its own.
    pub min_processes: u64,
}

impl Default for SandboxProfile {
    fn default() -> Self {
        SandboxProfile { gpu: false, address_space_limit: true, min_processes: 0 }
    }
}

/// Build options that do not come from the language table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// The language standard (`gnu++23`, `c11`, `c++17`), from `--std` or the
    /// problem's `[languages]` table; replaces the table's `-std=` flag.
    /// Compiled languages only; must match `[A-Za-z0-9+]{1,16}`.
    pub std: Option<String>,
}

/// Where a toolchain may be found, in the order tried (after the command-line
/// flag and the language's override variable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Candidate {
    /// A command name looked up on PATH (or a path, taken as it is).
    Command(String),
    /// A fixed path, taken when it is an executable file; with where it came from.
    Path(PathBuf, String),
}

/// What [`Language::plan`] builds from.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput<'a> {
    /// The language's table entry.
    pub cfg: &'a LanguageConfig,
    /// The resolved interpreter or compiler.
    pub toolchain: &'a ResolvedToolchain,
    /// The driver sources (`runners/`).
    pub files: &'a RunnerFiles,
    /// What is built.
    pub target: Target<'a>,
    /// The submission's source.
    pub source: &'a [u8],
    /// Where the engine installs the driver files (absolute).
    pub driver_dir: &'a Path,
    /// `--std` and the like.
    pub options: &'a BuildOptions,
}

/// One language. Implementations are unit structs listed in [`all`].
pub trait Language: Send + Sync + std::fmt::Debug {
    /// The id used in the table, reports and `--language` (`python`, `cuda`).
    fn id(&self) -> &'static str;

    /// The name the submission's source has in the build directory
    /// (`solution.py`, `solution.cu`); compiler messages naming it are
    /// rewritten to the user's file name.
    fn source_name(&self) -> &'static str;

    /// Where the toolchain is looked for, in order, when neither the
    /// command-line flag nor the override variable names one. Default: the
    /// table's `command` on PATH.
    fn search(&self, cfg: &LanguageConfig) -> Vec<Candidate> {
        vec![Candidate::Command(cfg.command.clone())]
    }

    /// Ask the found executable who it is (version, prefixes) and make it
    /// ready for sandboxed use. `found` is absolute.
    fn probe(&self, cfg: &LanguageConfig, found: PathBuf) -> Result<ResolvedToolchain, LangError>;

    /// Paths a probe's answer depends on beyond the executable (`found`, its
    /// canonical file and `tc.exe`, always recorded): a cached probe
    /// ([`crate::probe_cache`]) is used only while each is in the state
    /// (present with the same inode, size, mtime and ctime, or absent) it
    /// had when probed. Default: none (the answer is in the executable).
    fn probe_inputs(&self, _tc: &ResolvedToolchain, _found: &Path) -> Vec<PathBuf> {
        Vec::new()
    }

    /// Whether the environment variable `name` can change the probe's
    /// answer (its value is then part of the probe cache's key). Default: no.
    fn probe_env(&self, _name: &str) -> bool {
        false
    }

    /// The build step, driver files and run command for a submission.
    fn plan(&self, input: PlanInput<'_>) -> Result<Plan, LangError>;

    /// A starter file for a problem that ships none (`sig`: the function
    /// problem's signature; `None`: a stdin/stdout program). `None` when the
    /// language has no starter for that kind of problem.
    fn starter(&self, sig: Option<&Signature>) -> Option<String>;

    /// An uncaught exception recognised on the program's stderr: its type,
    /// message, and whether it is an allocation failure.
    fn runtime_exception(&self, _stderr: &str) -> Option<(String, String, bool)> {
        None
    }

    /// Whether `name` is one of the language's standard exception types
    /// (the closed vocabulary a hidden case's exception is shown in).
    fn is_standard_exception(&self, _name: &str) -> bool {
        false
    }

    /// How its programs are sandboxed.
    fn profile(&self) -> SandboxProfile {
        SandboxProfile::default()
    }

    /// Whether [`BuildOptions::std`] applies (compiled languages).
    fn has_standard(&self) -> bool {
        false
    }

    /// Whether the function-problem driver has a batch mode: started with
    /// `--batch` as its last argument it runs many cases in one process
    /// (protocol: docs/drivers.md, "Batch mode").
    fn has_batch_mode(&self) -> bool {
        false
    }
}

static PYTHON3: python3::Python3 = python3::Python3;
static PYTHON2: python2::Python2 = python2::Python2;
static CPP: cpp::Cpp = cpp::Cpp;
static C: c::C = c::C;
static CUDA: cuda::Cuda = cuda::Cuda;

/// Every language the judge knows, in the order listed in messages.
pub fn all() -> [&'static dyn Language; 5] {
    [&PYTHON3, &PYTHON2, &CPP, &C, &CUDA]
}

/// The language with this id.
pub fn language(id: &str) -> Result<&'static dyn Language, LangError> {
    all().into_iter().find(|l| l.id() == id).ok_or_else(|| LangError::Unknown(id.to_string(), known()))
}

/// The known ids, comma-separated (for messages).
pub fn known() -> String {
    all().iter().map(|l| l.id()).collect::<Vec<_>>().join(", ")
}

/// Every language's [`Language::source_name`], longest first (so that
/// `solution.cpp` and `solution.cu` are replaced before `solution.c`).
pub fn source_names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = all().iter().map(|l| l.source_name()).collect();
    v.sort_by_key(|n| std::cmp::Reverse(n.len()));
    v.dedup();
    v
}

/// The table's flags with the `-std=` flag replaced by `options.std` (or
/// added when the table has none); an invalid standard is an error naming it.
pub(crate) fn flags_with_std(cfg: &LanguageConfig, options: &BuildOptions) -> Result<Vec<String>, LangError> {
    let mut flags = cfg.flags.clone();
    if let Some(std) = &options.std {
        if std.is_empty() || std.len() > 16 || !std.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+') {
            return Err(LangError::Option(format!(
                "--std / [languages]: `{std}` is not a language standard (expected e.g. gnu++23, c++17, gnu17; letters, digits and +)"
            )));
        }
        let flag = format!("-std={std}");
        match flags.iter_mut().find(|f| f.starts_with("-std=")) {
            Some(f) => *f = flag,
            None => flags.insert(0, flag),
        }
    }
    Ok(flags)
}

/// The plan of a compiled stdio or driver program: `exe flags -o solution
/// MAIN [trailing]` in the build directory, the binary run from the driver
/// directory.
pub(crate) fn compiled_plan(
    input: &PlanInput<'_>,
    build_files: Vec<(String, Vec<u8>)>,
    main_source: &str,
    leading: &[String],
    trailing: &[&str],
    result_channel: bool,
    profile: SandboxProfile,
) -> Result<Plan, LangError> {
    let exe = input.toolchain.exe.clone();
    let mut argv = vec![exe.display().to_string()];
    argv.extend(leading.iter().cloned());
    argv.extend(flags_with_std(input.cfg, input.options)?);
    argv.extend(["-o".into(), "solution".into(), main_source.into()]);
    argv.extend(trailing.iter().map(|s| s.to_string()));
    Ok(Plan {
        driver_files: vec![],
        build: Some(crate::BuildStep { files: build_files, program: exe, argv, artifact: Some("solution".into()) }),
        run_program: input.driver_dir.join("solution"),
        run_argv: vec![input.driver_dir.join("solution").display().to_string()],
        reachable: input.toolchain.reachable.clone(),
        result_channel,
        profile,
    })
}

/// Probe a gcc-like compiler: `EXE -dumpfullversion`.
pub(crate) fn probe_gcc(cfg: &LanguageConfig, found: PathBuf) -> Result<ResolvedToolchain, LangError> {
    let out = std::process::Command::new(&found)
        .arg("-dumpfullversion")
        .output()
        .map_err(|e| LangError::Toolchain(format!("cannot run {}: {e}", found.display())))?;
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let name = found.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(cfg.command.clone());
    Ok(ResolvedToolchain {
        info: judge_core::Toolchain { name, path: found.display().to_string(), version },
        exe: found,
        reachable: Vec::new(),
        sys_path: Vec::new(),
        cache_tag: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(id: &str, flags: &[&str]) -> LanguageConfig {
        LanguageConfig {
            id: id.into(),
            name: id.into(),
            extensions: vec![],
            command: "x".into(),
            override_env: None,
            flags: flags.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn every_language_is_listed_once_with_its_own_source_name() {
        let ids: Vec<_> = all().iter().map(|l| l.id()).collect();
        assert_eq!(ids, ["python", "python2", "cpp", "c", "cuda"]);
        for l in all() {
            assert!(std::ptr::eq(language(l.id()).unwrap(), l));
        }
        assert_eq!(source_names().len(), 4, "python and python2 share solution.py");
        let names = source_names();
        let c = names.iter().position(|n| *n == "solution.c").unwrap();
        assert!(names.iter().position(|n| *n == "solution.cu").unwrap() < c);
        assert!(names.iter().position(|n| *n == "solution.cpp").unwrap() < c);
        assert!(matches!(language("rust"), Err(LangError::Unknown(..))));
    }

    #[test]
    fn only_cuda_needs_a_gpu_and_goes_without_an_address_space_limit() {
        for l in all() {
            let p = l.profile();
            assert_eq!(p.gpu, l.id() == "cuda", "{}", l.id());
            assert_eq!(p.address_space_limit, l.id() != "cuda", "{}", l.id());
        }
        assert!(language("cuda").unwrap().profile().min_processes >= 16);
    }

    #[test]
    fn the_standard_replaces_the_tables_flag_and_is_checked() {
        let c = cfg("cpp", &["-std=gnu++20", "-O2"]);
        let f = flags_with_std(&c, &BuildOptions { std: Some("gnu++23".into()) }).unwrap();
        assert_eq!(f, ["-std=gnu++23", "-O2"]);
        assert_eq!(flags_with_std(&c, &BuildOptions::default()).unwrap(), ["-std=gnu++20", "-O2"]);
        let none = cfg("c", &["-O2"]);
        assert_eq!(flags_with_std(&none, &BuildOptions { std: Some("c11".into()) }).unwrap(), ["-std=c11", "-O2"]);
        for bad in ["", "gnu++20 -O0", "-fplugin=x", "c++17;", "a".repeat(17).as_str()] {
            assert!(flags_with_std(&c, &BuildOptions { std: Some(bad.into()) }).is_err(), "{bad:?}");
        }
        assert!(language("cpp").unwrap().has_standard() && language("c").unwrap().has_standard() && language("cuda").unwrap().has_standard());
        assert!(!language("python").unwrap().has_standard());
    }

    #[test]
    fn exceptions_and_starters_come_from_the_language() {
        let py = language("python").unwrap();
        assert!(py.is_standard_exception("ValueError") && !py.is_standard_exception("std::bad_alloc"));
        let cpp = language("cpp").unwrap();
        assert!(cpp.is_standard_exception("std::out_of_range") && !cpp.is_standard_exception("ValueError"));
        assert!(!language("cuda").unwrap().is_standard_exception("ValueError"));
        let cu = language("cuda").unwrap().starter(None).unwrap();
        assert!(cu.contains("__global__") && cu.contains("int main"));
        assert!(language("c").unwrap().starter(None).unwrap().contains("#include <stdio.h>"));
        assert!(language("python").unwrap().starter(None).unwrap().contains("sys.stdin"));
    }
}
