//! Toolchain discovery: find the interpreter or compiler, resolve it to an
//! absolute path (a PATH lookup inside the sandbox could silently pick another
//! one), and record its version and, for Python, its prefixes and sys.path.

use crate::{LangError, LanguageConfig};
use judge_core::Toolchain;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A toolchain ready for sandboxed use.
#[derive(Debug, Clone)]
pub struct ResolvedToolchain {
    /// Name, absolute path and version, for reports.
    pub info: Toolchain,
    /// The executable to run (absolute; for Python `sys.executable` as the
    /// interpreter reports it, so a venv stays a venv).
    pub exe: PathBuf,
    /// Directories the program must be able to read (the interpreter prefix).
    pub reachable: Vec<PathBuf>,
    /// For Python: `sys.path` of the interpreter started normally (with
    /// `site`), minus the current directory; the driver restores it.
    pub sys_path: Vec<String>,
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

const PY_PROBE: &str = "import sys, json; print(json.dumps({'executable': sys.executable, 'prefix': sys.prefix, \
'base_prefix': getattr(sys, 'base_prefix', sys.prefix), 'exec_prefix': sys.exec_prefix, \
'base_exec_prefix': getattr(sys, 'base_exec_prefix', sys.exec_prefix), \
'version': sys.version.split()[0], 'path': [p for p in sys.path if p]}))";

/// Resolve the toolchain of `lang`. `override_cmd` (from a flag) wins over the
/// language's `override_env` variable, which wins over its `command`.
pub fn discover(lang: &LanguageConfig, override_cmd: Option<&str>) -> Result<ResolvedToolchain, LangError> {
    let from_env = lang.override_env.as_ref().and_then(|v| std::env::var(v).ok()).filter(|v| !v.is_empty());
    let (cmd, origin) = match (override_cmd, from_env) {
        (Some(c), _) => (c.to_string(), "the command-line flag".to_string()),
        (None, Some(c)) => (c, format!("${}", lang.override_env.as_deref().unwrap_or(""))),
        (None, None) => (lang.command.clone(), "the language table".to_string()),
    };
    let found = which(&cmd).ok_or_else(|| {
        let where_ = if cmd.contains('/') { "not found (no such file)" } else { "not found on PATH" };
        LangError::Toolchain(format!("{}: `{cmd}` (from {origin}) {where_}", lang.name))
    })?;
    match lang.id.as_str() {
        "python" | "python2" => {
            let out = Command::new(&found)
                .args(["-c", PY_PROBE])
                .env_remove("PYTHONPATH")
                .output()
                .map_err(|e| LangError::Toolchain(format!("cannot run {}: {e}", found.display())))?;
            if !out.status.success() {
                let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
                return Err(LangError::Toolchain(format!(
                    "{} does not work as a Python interpreter ({}){}",
                    found.display(),
                    out.status,
                    if err.is_empty() { String::new() } else { format!(": {err}") }
                )));
            }
            let v: serde_json::Value = serde_json::from_slice(&out.stdout)
                .map_err(|e| LangError::Toolchain(format!("{} gave an unreadable answer: {e}", found.display())))?;
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            // Keep sys.executable as reported, symlinks and all: a venv's
            // `bin/python` is a symlink whose location is what makes it a venv.
            let exe = PathBuf::from(s("executable"));
            if !exe.is_absolute() {
                return Err(LangError::Toolchain(format!("{} reports no absolute sys.executable", found.display())));
            }
            let real = std::fs::canonicalize(&exe).unwrap_or(exe.clone());
            let mut reachable: Vec<PathBuf> = Vec::new();
            for k in ["prefix", "base_prefix", "exec_prefix", "base_exec_prefix"] {
                let p = PathBuf::from(s(k));
                if !p.as_os_str().is_empty() && !reachable.contains(&p) {
                    reachable.push(p);
                }
            }
            for dir in [exe.parent(), real.parent()].into_iter().flatten() {
                if !reachable.iter().any(|r| dir.starts_with(r)) {
                    reachable.push(dir.to_path_buf());
                }
            }
            let sys_path = v["path"]
                .as_array()
                .map(|a| a.iter().filter_map(|p| p.as_str().map(String::from)).collect())
                .unwrap_or_default();
            Ok(ResolvedToolchain {
                info: Toolchain { name: if lang.id == "python2" { "python2".into() } else { "python3".into() }, path: exe.display().to_string(), version: s("version") },
                exe,
                reachable,
                sys_path,
            })
        }
        _ => {
            let out = Command::new(&found)
                .arg("-dumpfullversion")
                .output()
                .map_err(|e| LangError::Toolchain(format!("cannot run {}: {e}", found.display())))?;
            let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
            let name = found.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(cmd.clone());
            Ok(ResolvedToolchain {
                info: Toolchain { name, path: found.display().to_string(), version },
                exe: found,
                reachable: Vec::new(),
                sys_path: Vec::new(),
            })
        }
    }
}
