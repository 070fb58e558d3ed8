//! `judge cache [clear]`: the compile cache (`judge_engine::cache`).

use crate::error::{internal, CmdResult};
use crate::output::stdout;
use judge_core::ExitCode;
use judge_engine::cache::BuildCache;
use std::io::Write;

/// Show the cache's folder and size, or clear it.
pub fn cache(action: Option<&str>) -> CmdResult {
    let Some(cache) = BuildCache::from_env() else {
        let _ = writeln!(stdout(), "the compile cache is off (JUDGE_NO_CACHE, or no cache directory: set JUDGE_CACHE_DIR)");
        return Ok(ExitCode::Accepted);
    };
    match action {
        Some("clear") => {
            let n = cache.clear().map_err(|e| internal(anyhow::anyhow!("cannot clear {}: {e}", cache.dir().display())))?;
            let _ = writeln!(stdout(), "removed {n} entries (compiled programs, passed checks) and the toolchain probes from {}", cache.dir().display());
        }
        _ => {
            let (n, bytes) = cache.usage();
            let _ = writeln!(stdout(), "{}: {n} entries (compiled programs, passed checks), {:.1} MiB", cache.dir().display(), bytes as f64 / (1 << 20) as f64);
        }
    }
    Ok(ExitCode::Accepted)
}
