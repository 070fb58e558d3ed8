//! `judge show ID`: statement, limits, signature per language, samples.

use crate::args::RegistryArgs;
use crate::error::{usage, CmdResult};
use crate::output::stdout;
use judge_core::ExitCode;
use judge_report::terminal_safe;
use std::io::Write;

/// Print a problem.
pub fn show(id: &str, reg: &RegistryArgs) -> CmdResult {
    let registry = crate::plan::registry(reg)?;
    let p = registry.problem(id).map_err(usage)?;
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
        _ if p.kernel.is_some() => {
            let _ = writeln!(out, "Time limit {} ms (wall time of the whole GPU run) · memory limit {} MiB (host)\n", l.time_ms, l.memory_kib / 1024);
        }
        _ => {
            let _ = writeln!(out, "Time limit {} ms (CPU) · memory limit {} MiB\n", l.time_ms, l.memory_kib / 1024);
        }
    }
    if let (Some(sig), Some(c)) = (&p.kernel, &p.manifest.cuda) {
        let _ = writeln!(
            out,
            "Kernel (device pointers; outputs within |a - e| <= {:e} + {:e}·|e|):\n  {}\n  CPU implementation (.cpp, judged on the CPU): the same declaration on host pointers\n",
            c.atol,
            c.rtol,
            sig.c_declaration()
        );
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
        let args = p.signature.as_ref().and_then(|sig| c.arguments(sig));
        match (&p.signature, &args, &c.expected) {
            (Some(sig), Some(args), Some(exp)) => {
                let call: Vec<String> = args.iter().map(|a| a.render()).collect();
                let _ = writeln!(out, "  {}({}) == {}", sig.name, call.join(", "), exp.render());
            }
            _ if p.kernel.is_some() => {
                let _ = writeln!(out, "  {}:\n  input:\n{}", c.id, String::from_utf8_lossy(&c.input).trim_end());
            }
            _ => {
                let _ = writeln!(out, "  {}:\n  input:\n{}\n  output:\n{}", c.id, String::from_utf8_lossy(&c.input), String::from_utf8_lossy(&c.answer));
            }
        }
    }
    let _ = stdout().write_all(terminal_safe(&String::from_utf8_lossy(&out)).as_bytes());
    Ok(ExitCode::Accepted)
}
