//! Toolchain discovery: find the interpreter or compiler, resolve it to an
//! absolute path (a PATH lookup inside the sandbox could silently pick another
//! one), and record its version and, for Python, its prefixes and sys.path.

use crate::{Candidate, LangError, LanguageConfig};
use std::path::{Path, PathBuf};

/// A toolchain ready for sandboxed use.
#[derive(Debug, Clone)]
pub struct ResolvedToolchain {
    /// Name, absolute path and version, for reports.
    pub info: judge_core::Toolchain,
    /// The executable to run (absolute; for Python `sys.executable` as the
    /// interpreter reports it, so a venv stays a venv).
    pub exe: PathBuf,
    /// Directories the program must be able to read (the interpreter prefix).
    pub reachable: Vec<PathBuf>,
    /// For Python: `sys.path` of the interpreter started normally (with
    /// `site`), minus the current directory; the driver restores it.
    pub sys_path: Vec<String>,
    /// More of the toolchain's identity for the compile cache's key, beyond
    /// the executable and its version (nvcc: its host compiler's path and
    /// version, which shape the binary too); empty for most.
    pub cache_tag: String,
}

/// Find a command: an absolute/relative path as given, else on PATH.
fn which(cmd: &str) -> Option<PathBuf> {
    if cmd.contains('/') {
        // Made absolute but not canonicalised: a venv's python is a symlink
        // whose own location matters.
        let p = std::path::absolute(cmd).unwrap_or_else(|_| PathBuf::from(cmd));
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(cmd)).find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.is_file() && p.metadata().map(|m| m.permissions().mode() & 0o111 != 0).unwrap_or(false)
}

/// Resolve the toolchain of `lang`. `override_cmd` (from a flag) wins over the
/// language's `override_env` variable, which wins over the language's own
/// search ([`crate::Language::search`]: the table's `command` on PATH, and for
/// CUDA `$CUDA_HOME`, `$CUDA_PATH` and the judge's toolchain cache too). The
/// error names every place looked at.
pub fn discover(lang: &LanguageConfig, override_cmd: Option<&str>) -> Result<ResolvedToolchain, LangError> {
    discover_cached(lang, override_cmd, None)
}

/// [`discover`] through the toolchain probe cache in `cache_dir` (the
/// compile cache's folder; `None`: probe every time). The executable is
/// looked for as in [`discover`] every time; only its probe is cached
/// (validity rules: [`crate::probe_cache`]).
pub fn discover_cached(lang: &LanguageConfig, override_cmd: Option<&str>, cache_dir: Option<&Path>) -> Result<ResolvedToolchain, LangError> {
    let language = crate::language::language(&lang.id)?;
    let from_env = lang.override_env.as_ref().and_then(|v| std::env::var(v).ok()).filter(|v| !v.is_empty());
    let explicit = match (override_cmd, from_env) {
        (Some(c), _) => Some((c.to_string(), "the command-line flag".to_string())),
        (None, Some(c)) => Some((c, format!("${}", lang.override_env.as_deref().unwrap_or("")))),
        (None, None) => None,
    };
    let found = match explicit {
        Some((cmd, origin)) => which(&cmd).ok_or_else(|| {
            let where_ = if cmd.contains('/') { "not found (no such file)" } else { "not found on PATH" };
            LangError::Toolchain(format!("{}: `{cmd}` (from {origin}) {where_}", lang.name))
        })?,
        None => {
            let mut tried = Vec::new();
            let mut found = None;
            for c in language.search(lang) {
                match c {
                    Candidate::Command(cmd) => match which(&cmd) {
                        Some(p) => {
                            found = Some(p);
                            break;
                        }
                        None if cmd.contains('/') => tried.push(format!("`{cmd}` (from the language table) not found (no such file)")),
                        None => tried.push(format!("`{cmd}` (from the language table) not found on PATH")),
                    },
                    Candidate::Path(p, origin) => {
                        if is_executable(&p) {
                            found = Some(p);
                            break;
                        }
                        tried.push(format!("{} (from {origin}) not found", p.display()));
                    }
                }
            }
            match found {
                Some(p) => p,
                None => return Err(LangError::Toolchain(format!("{}: {}", lang.name, tried.join("; ")))),
            }
        }
    };
    Ok(crate::probe_cache::probe_cached(language, lang, found, cache_dir)?.0)
}
