//! `judge list`: the problems of the registry, with kind, difficulty and
//! tags; `--tag` keeps those with the tag.

use crate::args::{FormatArg, RegistryArgs};
use crate::error::{internal, usage, CmdResult};
use crate::output::stdout;
use judge_core::ExitCode;
use judge_registry::ProblemKind;
use judge_report::terminal_safe;
use std::io::Write;

/// List the problems (`tag`: only those with this tag).
pub fn list(format: FormatArg, tag: Option<&str>, reg: &RegistryArgs) -> CmdResult {
    let registry = crate::plan::registry(reg)?;
    let mut rows = Vec::new();
    for id in registry.ids() {
        match registry.manifest(id) {
            Ok(m) if tag.is_none_or(|t| m.tags.iter().any(|x| x == t)) => rows.push(m),
            Ok(_) => {}
            // A package judge cannot run is listed with the reason, not fatal.
            Err(judge_registry::RegistryError::Unsupported { message, .. }) => {
                let _ = writeln!(anstream::stderr(), "{}", terminal_safe(&format!("judge: {id}: unsupported: {message}")));
            }
            Err(e) => return Err(usage(e)),
        }
    }
    if format != FormatArg::Human {
        let items: Vec<_> = rows
            .iter()
            .map(|m| serde_json::json!({"id": m.id, "title": m.title, "kind": format!("{:?}", m.kind).to_lowercase(), "difficulty": m.difficulty, "tags": m.tags}))
            .collect();
        let text = serde_json::to_string_pretty(&items).map_err(internal)?;
        let _ = writeln!(stdout(), "{}", judge_report::json_safe(text));
    } else {
        let mut out = stdout();
        for m in &rows {
            let kind = match m.kind {
                ProblemKind::Function => "function",
                ProblemKind::Stdio => "stdio",
                ProblemKind::Cuda => "cuda",
            };
            let difficulty = m.difficulty.as_deref().unwrap_or("-");
        let line = format!("{:<28} {:<9} {:<7} {:<36} {}", m.id, kind, difficulty, m.title, m.tags.join(", "));
        let _ = writeln!(out, "{}", terminal_safe(line.trim_end()));
        }
    }
    Ok(ExitCode::Accepted)
}
