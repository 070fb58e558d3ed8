//! The toolchain probe cache: what [`crate::Language::probe`] learnt about an
//! interpreter or compiler (its [`ResolvedToolchain`]), kept between runs so
//! that a rerun does not start the tool again (`python3 -c …` with `site`:
//! tens of milliseconds; `g++ -dumpfullversion`, `nvcc --version`: a few).
//!
//! - **Location**: `DIR/.toolchains/KEY.json`, `DIR` being the compile
//!   cache's folder (`$JUDGE_CACHE_DIR`, ...); off when the compile cache is
//!   off. `judge cache clear` removes it with the rest.
//! - **Key**: BLAKE3 of the format version, the language (id, name, command),
//!   the found executable as found and canonicalised, and the environment
//!   variables the language's probe reads ([`crate::Language::probe_env`];
//!   for every language `LD_LIBRARY_PATH` and `LD_PRELOAD`).
//! - **Validity**: an entry records the state (device, inode, size, mtime
//!   and ctime in ns; or absence) of the executable (found, canonical and
//!   the reported one) and of every path the language names
//!   ([`crate::Language::probe_inputs`]: for Python its prefixes, each
//!   `sys.path` folder, the `.pth` files in them, `pyvenv.cfg` and the user
//!   site folder). It is used only while every one of them is unchanged;
//!   otherwise the tool is probed again and the entry rewritten.
//! - **Races**: an entry is not written when one of the recorded paths
//!   changed less than [`RACY_NS`] before the probe started (the probe may
//!   have seen either state); a later run writes it.
//! - **Scripts are never cached**: a found command whose canonical file
//!   starts with `#!` (a pyenv or asdf shim, a wrapper) may answer
//!   differently per directory or environment in ways the judge cannot see.
//! - **Integrity**: an unreadable, malformed or foreign entry is ignored and
//!   rewritten, never trusted and never an error; a write is a temporary
//!   file renamed into place, so readers see whole entries only.

use crate::{Language, LanguageConfig, ResolvedToolchain};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Version of the entry layout and key: bumped when either changes.
const FORMAT: &str = "judge-probe-cache-1";
/// A recorded path changed this recently (ns) before the probe started
/// makes the entry racy (not written): covers coarse file-system clocks.
pub const RACY_NS: i128 = 1_000_000_000;
/// Environment variables every probe may depend on (the dynamic loader's).
const LOADER_ENV: &[&str] = &["LD_LIBRARY_PATH", "LD_PRELOAD"];

/// A path's state: device, inode, size, mode, mtime (ns), ctime (ns) of
/// what it names (symlinks followed); `None`: absent or unreadable.
type Stamp = Option<[i128; 6]>;

fn stamp(path: &Path) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(path).ok()?;
    let ns = |s: i64, n: i64| s as i128 * 1_000_000_000 + n as i128;
    Some([m.dev() as i128, m.ino() as i128, m.size() as i128, m.mode() as i128, ns(m.mtime(), m.mtime_nsec()), ns(m.ctime(), m.ctime_nsec())])
}

/// One entry file.
#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    format: String,
    name: String,
    path: String,
    version: String,
    exe: PathBuf,
    reachable: Vec<PathBuf>,
    sys_path: Vec<String>,
    cache_tag: String,
    /// Every recorded path with its state when probed.
    watch: Vec<(PathBuf, Stamp)>,
}

/// What became of a lookup (for traces and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A valid entry was used; the tool did not run.
    Hit,
    /// No valid entry: probed, and the entry (re)written.
    Stored,
    /// Probed, not written: the found command is a script.
    Script,
    /// Probed, not written: a recorded path changed during or just before the probe.
    Racy,
    /// Probed, not written: the entry could not be written (or has no UTF-8 form).
    Unwritable,
}

/// Probe `found` for `lang` through the cache folder `dir` (`None`: no
/// cache, just probe). Errors are the probe's own; the cache never fails a run.
pub(crate) fn probe_cached(
    language: &dyn Language,
    lang: &LanguageConfig,
    found: PathBuf,
    dir: Option<&Path>,
) -> Result<(ResolvedToolchain, Option<Outcome>), crate::LangError> {
    let Some(dir) = dir else {
        return Ok((language.probe(lang, found)?, None));
    };
    let canonical = fs::canonicalize(&found).unwrap_or_else(|_| found.clone());
    if is_script(&canonical) {
        tracing::debug!(found = %found.display(), "toolchain probe not cached: the command is a script");
        return Ok((language.probe(lang, found)?, Some(Outcome::Script)));
    }
    let file = dir.join(".toolchains").join(format!("{}.json", key(language, lang, &found, &canonical)));
    if let Some(tc) = lookup(&file) {
        tracing::debug!(found = %found.display(), entry = %file.display(), "toolchain probe cache hit");
        return Ok((tc, Some(Outcome::Hit)));
    }
    let started = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_nanos() as i128).unwrap_or(0);
    let tc = language.probe(lang, found.clone())?;
    let mut paths = vec![found.clone(), canonical, tc.exe.clone()];
    paths.extend(language.probe_inputs(&tc, &found));
    paths.sort();
    paths.dedup();
    let watch: Vec<(PathBuf, Stamp)> = paths.into_iter().map(|p| {
        let s = stamp(&p);
        (p, s)
    }).collect();
    let racy = watch.iter().filter_map(|(_, s)| *s).any(|s| s[4].max(s[5]) > started - RACY_NS);
    let outcome = if racy {
        Outcome::Racy
    } else if store(&file, &tc, watch) {
        Outcome::Stored
    } else {
        Outcome::Unwritable
    };
    tracing::debug!(found = %found.display(), ?outcome, "toolchain probed");
    Ok((tc, Some(outcome)))
}

/// Whether the file starts with `#!`.
fn is_script(path: &Path) -> bool {
    let mut head = [0u8; 2];
    fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && head == *b"#!"
}

fn key(language: &dyn Language, lang: &LanguageConfig, found: &Path, canonical: &Path) -> String {
    let mut h = blake3::Hasher::new();
    let mut field = |bytes: &[u8]| {
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(FORMAT.as_bytes());
    for s in [&lang.id, &lang.name, &lang.command] {
        field(s.as_bytes());
    }
    field(found.as_os_str().as_encoded_bytes());
    field(canonical.as_os_str().as_encoded_bytes());
    let mut env: Vec<(std::ffi::OsString, std::ffi::OsString)> = std::env::vars_os()
        .filter(|(k, _)| k.to_str().is_some_and(|k| LOADER_ENV.contains(&k) || language.probe_env(k)))
        .collect();
    env.sort();
    for (k, v) in env {
        field(k.as_encoded_bytes());
        field(v.as_encoded_bytes());
    }
    h.finalize().to_hex().to_string()
}

/// The entry's toolchain when the entry is sound and every recorded path is
/// unchanged.
fn lookup(file: &Path) -> Option<ResolvedToolchain> {
    let bytes = fs::read(file).ok()?;
    let Ok(e) = serde_json::from_slice::<Entry>(&bytes) else {
        tracing::debug!(entry = %file.display(), "malformed toolchain probe cache entry ignored");
        return None;
    };
    if e.format != FORMAT || e.watch.is_empty() {
        return None;
    }
    if let Some((p, _)) = e.watch.iter().find(|(p, s)| stamp(p) != *s) {
        tracing::debug!(changed = %p.display(), "toolchain probe cache entry out of date");
        return None;
    }
    Some(ResolvedToolchain {
        info: judge_core::Toolchain { name: e.name, path: e.path, version: e.version },
        exe: e.exe,
        reachable: e.reachable,
        sys_path: e.sys_path,
        cache_tag: e.cache_tag,
    })
}

/// Write the entry (temporary file renamed over the old one); `false` when it cannot be.
fn store(file: &Path, tc: &ResolvedToolchain, watch: Vec<(PathBuf, Stamp)>) -> bool {
    let e = Entry {
        format: FORMAT.into(),
        name: tc.info.name.clone(),
        path: tc.info.path.clone(),
        version: tc.info.version.clone(),
        exe: tc.exe.clone(),
        reachable: tc.reachable.clone(),
        sys_path: tc.sys_path.clone(),
        cache_tag: tc.cache_tag.clone(),
        watch,
    };
    let Ok(bytes) = serde_json::to_vec(&e) else { return false };
    let Some(folder) = file.parent() else { return false };
    let written = fs::create_dir_all(folder).and_then(|_| {
        let mut tmp = tempfile::Builder::new().prefix(".tmp-").tempfile_in(folder)?;
        tmp.write_all(&bytes)?;
        tmp.persist(file).map_err(|e| e.error)?;
        Ok(())
    });
    if let Err(err) = &written {
        tracing::debug!(entry = %file.display(), "cannot write the toolchain probe cache entry: {err}");
    }
    written.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_tell_absence_and_change() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("f");
        assert_eq!(stamp(&f), None);
        fs::write(&f, b"a").unwrap();
        let a = stamp(&f).unwrap();
        fs::write(&f, b"ab").unwrap();
        assert_ne!(Some(a), stamp(&f));
        assert!(is_script(&{
            fs::write(&f, b"#!/bin/sh\n").unwrap();
            f.clone()
        }));
        fs::write(&f, b"\x7fELF").unwrap();
        assert!(!is_script(&f));
        assert!(!is_script(&d.path().join("absent")));
    }
}
