//! Python 3: function problems through `runners/python/driver.py`, stdio
//! programs through `stdio_boot.py`; the build step is a syntax check.

use super::{Language, PlanInput};
use crate::{BuildStep, LangError, LanguageConfig, Plan, ResolvedToolchain, Target};
use judge_core::Signature;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Python 3 (`python`).
#[derive(Debug)]
pub struct Python3;

const PY_PROBE: &str = "import sys, json; print(json.dumps({'executable': sys.executable, 'prefix': sys.prefix, \
'base_prefix': getattr(sys, 'base_prefix', sys.prefix), 'exec_prefix': sys.exec_prefix, \
'base_exec_prefix': getattr(sys, 'base_exec_prefix', sys.exec_prefix), \
'version': sys.version.split()[0], 'path': [p for p in sys.path if p]}))";

/// Probe a Python interpreter (2 or 3): `sys.executable`, its prefixes (made
/// reachable in the sandbox), version and `sys.path`. `name` is the
/// toolchain name reported (`python3`, `python2`).
pub(super) fn probe_python(found: PathBuf, name: &str) -> Result<ResolvedToolchain, LangError> {
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
        info: judge_core::Toolchain { name: name.into(), path: exe.display().to_string(), version: s("version") },
        exe,
        reachable,
        sys_path,
        cache_tag: String::new(),
    })
}

/// What a Python probe's answer depends on beyond the executable (for the
/// probe cache): the prefixes and executable folders, each `sys.path` entry
/// with the `.pth`, `sitecustomize.py` and `usercustomize.py` files in it,
/// `pyvenv.cfg` beside and above the executable (found and reported), and
/// the user site folders (`$PYTHONUSERBASE` or `~/.local`, then
/// `lib/pythonX.Y[t]/site-packages`), which join `sys.path` once created.
pub(super) fn python_probe_inputs(tc: &ResolvedToolchain, found: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = tc.reachable.clone();
    for p in &tc.sys_path {
        let dir = PathBuf::from(p);
        if let Ok(entries) = std::fs::read_dir(&dir) {
            v.extend(entries.flatten().map(|e| e.path()).filter(|e| e.extension().is_some_and(|x| x == "pth")));
        }
        v.push(dir.join("sitecustomize.py"));
        v.push(dir.join("usercustomize.py"));
        v.push(dir);
    }
    for exe in [found, tc.exe.as_path()] {
        for up in exe.ancestors().skip(1).take(2) {
            v.push(up.join("pyvenv.cfg"));
        }
    }
    let var = |k: &str| std::env::var_os(k).filter(|x| !x.is_empty()).map(PathBuf::from);
    let short: Vec<&str> = tc.info.version.split('.').take(2).collect();
    if let (Some(base), [major, minor]) = (var("PYTHONUSERBASE").or_else(|| var("HOME").map(|h| h.join(".local"))), short.as_slice()) {
        for t in ["", "t"] {
            v.push(base.join("lib").join(format!("python{major}.{minor}{t}")).join("site-packages"));
        }
    }
    v
}

/// The variables a Python probe reads: `PYTHON*` (but `PYTHONPATH`, which
/// the probe removes) and `HOME` (the user site folder).
pub(super) fn python_probe_env(name: &str) -> bool {
    (name.starts_with("PYTHON") && name != "PYTHONPATH") || name == "HOME"
}

impl Language for Python3 {
    fn probe_inputs(&self, tc: &ResolvedToolchain, found: &Path) -> Vec<PathBuf> {
        python_probe_inputs(tc, found)
    }

    fn probe_env(&self, name: &str) -> bool {
        python_probe_env(name)
    }

    fn has_batch_mode(&self) -> bool {
        true
    }

    fn id(&self) -> &'static str {
        "python"
    }

    fn source_name(&self) -> &'static str {
        "solution.py"
    }

    fn probe(&self, _cfg: &LanguageConfig, found: PathBuf) -> Result<ResolvedToolchain, LangError> {
        probe_python(found, "python3")
    }

    fn plan(&self, input: PlanInput<'_>) -> Result<Plan, LangError> {
        let PlanInput { cfg, toolchain, files, target, source, driver_dir, .. } = input;
        let exe = toolchain.exe.clone();
        let d = |name: &str| driver_dir.join(name).display().to_string();
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
        let spec_json = serde_json::to_vec_pretty(&spec).map_err(|e| LangError::Toolchain(format!("cannot write the driver's spec: {e}")))?;
        let driver_files = vec![
            (script.to_string(), files.read(&format!("python/{script}"))?),
            ("solution.py".to_string(), source.to_vec()),
            ("spec.json".to_string(), spec_json),
        ];
        let mut base = vec![exe.display().to_string()];
        base.extend(cfg.flags.iter().cloned());
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
            profile: self.profile(),
        })
    }

    fn starter(&self, sig: Option<&Signature>) -> Option<String> {
        Some(match sig {
            Some(s) => format!("{}:\n    # your code here\n    raise NotImplementedError\n", s.python()),
            None => "import sys\n\n\ndef main():\n    data = sys.stdin.read().split()\n\n\nmain()\n".into(),
        })
    }

    /// A traceback's last line (`ValueError: bad`, `MemoryError`).
    fn runtime_exception(&self, stderr: &str) -> Option<(String, String, bool)> {
        let idx = stderr.rfind("Traceback (most recent call last):")?;
        let tail = &stderr[idx..];
        let last = tail.lines().rev().find(|l| !l.trim().is_empty() && !l.starts_with(' '))?;
        let (ty, msg) = match last.split_once(':') {
            Some((t, m)) if !t.contains(' ') => (t.trim().to_string(), m.trim().to_string()),
            _ if !last.contains(' ') => (last.trim().to_string(), String::new()),
            _ => return None,
        };
        let memory = ty == "MemoryError";
        Some((ty, msg, memory))
    }

    fn is_standard_exception(&self, name: &str) -> bool {
        crate::exceptions::PYTHON.contains(&name)
    }
}
