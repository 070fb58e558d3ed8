//! `judge doctor`.

use crate::args::RegistryArgs;
use crate::error::{internal, CmdResult};
use crate::output::stdout;
use judge_core::ExitCode;
use judge_lang::LanguageTable;
use std::io::Write;

/// `judge doctor`: layers (by running a probe in the sandbox), kernel
/// features, toolchains. Exit 3 when the sandbox cannot run anything or no
/// toolchain works.
pub fn doctor(reg: &RegistryArgs) -> CmdResult {
    let mut out = stdout();
    let helper = std::env::current_exe().map_err(internal)?;
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

