//! `judge new ID --lang L`: write a problem's starter file, never
//! overwriting one.

use crate::args::{Lang, RegistryArgs};
use crate::error::{usage, CmdResult};
use crate::output::stdout;
use anyhow::anyhow;
use judge_core::ExitCode;
use std::io::Write;
use std::path::PathBuf;

/// Write the starter of problem `id` in `lang` to `output` (default: named after the function).
pub fn new(id: &str, lang: Lang, output: Option<PathBuf>, reg: &RegistryArgs) -> CmdResult {
    let registry = crate::plan::registry(reg)?;
    let p = registry.problem(id).map_err(usage)?;
    let table = judge_lang::LanguageTable::load(reg.runners.as_deref()).map_err(usage)?;
    let ext = table.get(lang.id()).ok().and_then(|l| l.extensions.first().cloned()).unwrap_or_else(|| "txt".into());
    let starter = match (p.starters.get(&format!("solution.{ext}")), &p.kernel) {
        (Some(s), _) => s.clone(),
        // A kernel problem takes a `.cu` file or a CPU implementation of the
        // same `solve` on host pointers (judged through the CPU harness).
        (None, Some(k)) if lang == Lang::Cpp => format!(
            "// A CPU implementation of `{name}` on host pointers, judged through the CPU\n\
             // harness (no GPU needed, no kernel time); the CUDA version is `--lang cuda`.\n\
             {decl} {{\n}}\n",
            name = k.name,
            decl = k.c_declaration()
        )
        .into_bytes(),
        (None, Some(_)) => {
            return Err(usage(anyhow!(
                "problem `{id}` is a kernel problem (kind = \"cuda\"): it takes a CUDA file (--lang cuda) or a C++ CPU implementation of `solve` (--lang cpp), not {}",
                lang.id()
            )))
        }
        (None, None) => judge_lang::language(lang.id())
            .map_err(usage)?
            .starter(p.signature.as_ref())
            .ok_or_else(|| usage(anyhow!("problem `{id}` has no {} starter: {} submissions are not judged for this kind of problem", lang.id(), lang.id())))?
            .into_bytes(),
    };
    let default_name = match &p.signature {
        Some(sig) => format!("{}.{ext}", sig.name),
        None => format!("{}.{ext}", p.id().replace('-', "_")),
    };
    let path = output.unwrap_or_else(|| PathBuf::from(default_name));
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                usage(anyhow!("{} already exists; not overwriting it (choose another name with -o)", path.display()))
            } else {
                usage(anyhow!("cannot create {}: {e}", path.display()))
            }
        })?;
    let mut text = Vec::new();
    let marker = if lang == Lang::Python { format!("# judge: {}\n", p.id()) } else { format!("// judge: {}\n", p.id()) };
    if !String::from_utf8_lossy(&starter).contains("judge:") {
        text.extend_from_slice(marker.as_bytes());
    }
    text.extend_from_slice(&starter);
    f.write_all(&text).map_err(|e| usage(anyhow!("cannot write {}: {e}", path.display())))?;
    let extra = match &reg.problems {
        Some(d) if std::env::var_os("JUDGE_PROBLEMS").is_none() => format!(" --problems {}", d.display()),
        _ => String::new(),
    };
    let _ = writeln!(stdout(), "wrote {} — judge it with: judge run {}{extra}", path.display(), path.display());
    Ok(ExitCode::Accepted)
}
