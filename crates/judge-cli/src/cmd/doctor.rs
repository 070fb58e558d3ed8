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
                        let hint = if lang.id == "cuda" { " (`make cuda-toolchain` installs nvcc into the judge's cache)" } else { "" };
                        let _ = writeln!(out, "  {:<8} missing    {e}{hint}", lang.command);
                    }
                }
            }
        }
        Err(e) => {
            let _ = writeln!(out, "  language table: {e}");
        }
    }
    let _ = writeln!(out, "\nGPU (for CUDA programs):");
    match judge_sandbox::linux::gpu::detect() {
        judge_sandbox::GpuStatus::Usable(g) => {
            let _ = writeln!(
                out,
                "  usable     {} · compute capability {}.{} · {} MiB · driver {}CUDA {}{}",
                g.name,
                g.compute_capability.0,
                g.compute_capability.1,
                g.memory_mib,
                g.driver_version.as_deref().map(|v| format!("{v}, ")).unwrap_or_default(),
                g.driver_cuda_version,
                if g.count > 1 { format!(" · {} devices (device 0 is used)", g.count) } else { String::new() }
            );
        }
        judge_sandbox::GpuStatus::Unusable(why) => {
            let _ = writeln!(out, "  none       {why}: CUDA programs are compiled, then their cases are skipped (SK)");
        }
    }
    if !any {
        possible = false;
        let _ = writeln!(out, "\nno working toolchain: install python3 or g++");
    }
    let _ = writeln!(out, "\n{}", if possible { "judging is possible" } else { "judging is NOT possible here" });
    Ok(if possible { ExitCode::Accepted } else { ExitCode::Internal })
}
