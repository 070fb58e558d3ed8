//! The compile cache: compiled programs kept by a hash of everything that
//! went into them, so a rerun of an unchanged file skips compilation.
//!
//! - **Key**: BLAKE3 (the `blake3` crate) of the cache format version, the
//!   language, the compiler's path, version, size and modification time (its
//!   identity), the compiler's argv, and the name and contents of every file
//!   of the build (the solution, the generated driver, the driver header).
//! - **Location**: `$JUDGE_CACHE_DIR`, else `$XDG_CACHE_HOME/judge/builds`,
//!   else `~/.cache/judge/builds`; one folder per key holding the program and
//!   `meta.json` (its size and BLAKE3). `JUDGE_NO_CACHE=1` turns it off.
//! - **Concurrency**: an entry is written in a temporary folder beside the
//!   others and renamed into place (atomic on one filesystem); if another
//!   judge renamed first, its entry is kept. Readers only read entries that
//!   are complete.
//! - **Integrity**: a hit is checked against its `meta.json` (size and
//!   BLAKE3); a corrupted entry is removed and rebuilt, never trusted.
//! - **Checks**: a build step without a program (Python's `--check`: syntax,
//!   entry function, parameter count) that passed is recorded as an entry
//!   holding only `meta.json` (`"check": true`); a rerun with the same key
//!   skips the step. A failed check is not recorded (it runs again and gives
//!   the same CE).
//! - **Toolchain probes**: kept in the hidden `.toolchains/` folder of the
//!   same directory ([`judge_lang::probe_cache`]); not counted in the size.
//! - **Size**: bounded (`$JUDGE_CACHE_MAX_MIB`, default 512 MiB): after an
//!   insert, the least recently used entries (a hit touches its folder's
//!   modification time) are removed until the total fits.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Version of the entry layout and key: bumped when either changes.
const FORMAT: &str = "judge-build-cache-1";
/// Default size bound, MiB.
const DEFAULT_MAX_MIB: u64 = 512;

/// A compile cache folder.
#[derive(Debug, Clone)]
pub struct BuildCache {
    dir: PathBuf,
    max_bytes: u64,
}

/// The inputs of one build, hashed into its key.
#[derive(Debug, Clone)]
pub struct BuildKey(String);

impl BuildKey {
    /// The key of a build: `language`, the compiler (`compiler` path and its
    /// `version`), its `argv`, and the build's files (name, contents).
    pub fn new(language: &str, compiler: &Path, version: &str, argv: &[String], files: &[(String, Vec<u8>)]) -> BuildKey {
        let mut h = blake3::Hasher::new();
        let mut field = |bytes: &[u8]| {
            h.update(&(bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        field(FORMAT.as_bytes());
        field(language.as_bytes());
        field(compiler.as_os_str().as_encoded_bytes());
        field(version.as_bytes());
        // The compiler's identity beyond its version string: a rebuilt or
        // replaced binary at the same path gets another key.
        let (size, mtime) = fs::metadata(compiler)
            .map(|m| (m.len(), m.modified().ok().and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok()).map(|d| d.as_nanos()).unwrap_or(0)))
            .unwrap_or((0, 0));
        field(&size.to_le_bytes());
        field(&mtime.to_le_bytes());
        field(&(argv.len() as u64).to_le_bytes());
        for a in argv {
            field(a.as_bytes());
        }
        let mut files: Vec<&(String, Vec<u8>)> = files.iter().collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, bytes) in files {
            field(name.as_bytes());
            field(bytes);
        }
        BuildKey(h.finalize().to_hex().to_string())
    }

    /// The key as hex.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Meta {
    size: u64,
    blake3: String,
    /// A passed check, no program (absent in program entries).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    check: bool,
}

impl BuildCache {
    /// The user's cache, or `None` when it is turned off (`JUDGE_NO_CACHE=1`)
    /// or no cache directory can be found.
    pub fn from_env() -> Option<BuildCache> {
        if std::env::var_os("JUDGE_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
            return None;
        }
        let dir = match std::env::var_os("JUDGE_CACHE_DIR").filter(|v| !v.is_empty()) {
            Some(d) => PathBuf::from(d),
            None => {
                let base = std::env::var_os("XDG_CACHE_HOME")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
                    .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
                base.join("judge").join("builds")
            }
        };
        let max_mib = std::env::var("JUDGE_CACHE_MAX_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_MAX_MIB);
        Some(BuildCache { dir, max_bytes: max_mib << 20 })
    }

    /// A cache in `dir` bounded to `max_bytes`.
    pub fn new(dir: PathBuf, max_bytes: u64) -> BuildCache {
        BuildCache { dir, max_bytes }
    }

    /// The cache folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Copy the cached program for `key` to `dest` (created, mode 0755) when
    /// there is a sound entry; a corrupted one is removed. `Ok(false)`: a miss.
    pub fn fetch(&self, key: &BuildKey, dest: &Path) -> io::Result<bool> {
        let entry = self.dir.join(key.as_str());
        let (Ok(meta), Ok(bytes)) = (fs::read(entry.join("meta.json")), fs::read(entry.join("program"))) else {
            return Ok(false);
        };
        let sound = serde_json::from_slice::<Meta>(&meta)
            .is_ok_and(|m| !m.check && m.size == bytes.len() as u64 && m.blake3 == blake3::hash(&bytes).to_hex().as_str());
        if !sound {
            tracing::warn!(entry = %entry.display(), "corrupted compile-cache entry removed");
            let _ = fs::remove_dir_all(&entry);
            return Ok(false);
        }
        write_new(dest, &bytes, 0o755)?;
        // Recently used: kept longest by the eviction.
        let _ = fs::File::open(&entry).and_then(|f| f.set_modified(SystemTime::now()));
        Ok(true)
    }

    /// Keep `program` (a file) under `key`; then evict least recently used
    /// entries past the size bound. Errors are not fatal to judging.
    pub fn store(&self, key: &BuildKey, program: &Path) -> io::Result<()> {
        let bytes = fs::read(program)?;
        if bytes.len() as u64 > self.max_bytes {
            return Ok(());
        }
        fs::create_dir_all(&self.dir)?;
        let tmp = tempfile::Builder::new().prefix(".tmp-").tempdir_in(&self.dir)?;
        write_new(&tmp.path().join("program"), &bytes, 0o755)?;
        let meta = Meta { size: bytes.len() as u64, blake3: blake3::hash(&bytes).to_hex().to_string(), check: false };
        write_new(&tmp.path().join("meta.json"), &serde_json::to_vec(&meta).unwrap_or_default(), 0o644)?;
        self.commit(key, tmp)
    }

    /// Whether a passed check is recorded under `key` (a sound check entry:
    /// `meta.json` alone, `"check": true`, the BLAKE3 of nothing); a
    /// corrupted one is removed. Touches the entry (recently used).
    pub fn check_passed(&self, key: &BuildKey) -> bool {
        let entry = self.dir.join(key.as_str());
        let Ok(meta) = fs::read(entry.join("meta.json")) else { return false };
        let sound = serde_json::from_slice::<Meta>(&meta).is_ok_and(|m| m.check && m.size == 0 && m.blake3 == blake3::hash(b"").to_hex().as_str())
            && !entry.join("program").exists();
        if !sound {
            tracing::warn!(entry = %entry.display(), "corrupted compile-cache entry removed");
            let _ = fs::remove_dir_all(&entry);
            return false;
        }
        let _ = fs::File::open(&entry).and_then(|f| f.set_modified(SystemTime::now()));
        true
    }

    /// Record a passed check under `key` (then evict past the size bound).
    /// Errors are not fatal to judging.
    pub fn store_check(&self, key: &BuildKey) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let tmp = tempfile::Builder::new().prefix(".tmp-").tempdir_in(&self.dir)?;
        let meta = Meta { size: 0, blake3: blake3::hash(b"").to_hex().to_string(), check: true };
        write_new(&tmp.path().join("meta.json"), &serde_json::to_vec(&meta).unwrap_or_default(), 0o644)?;
        self.commit(key, tmp)
    }

    /// Rename the staged entry `tmp` into place (keeping another judge's
    /// entry of the same key), then evict.
    fn commit(&self, key: &BuildKey, tmp: tempfile::TempDir) -> io::Result<()> {
        let entry = self.dir.join(key.as_str());
        let staged = tmp.keep();
        if fs::rename(&staged, &entry).is_err() {
            // Another judge stored the same key first: keep theirs.
            let _ = fs::remove_dir_all(&staged);
        }
        self.evict();
        Ok(())
    }

    /// Entries (key folder, bytes, last use), oldest first.
    fn entries(&self) -> Vec<(PathBuf, u64, SystemTime)> {
        let mut out = Vec::new();
        let Ok(dir) = fs::read_dir(&self.dir) else { return out };
        for e in dir.flatten() {
            let name = e.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let size: u64 = fs::read_dir(e.path()).map(|d| d.flatten().filter_map(|f| f.metadata().ok()).map(|m| m.len()).sum()).unwrap_or(0);
            let used = e.metadata().and_then(|m| m.modified()).unwrap_or(SystemTime::UNIX_EPOCH);
            out.push((e.path(), size, used));
        }
        out.sort_by_key(|(_, _, t)| *t);
        out
    }

    fn evict(&self) {
        let entries = self.entries();
        let mut total: u64 = entries.iter().map(|(_, s, _)| s).sum();
        for (path, size, _) in entries {
            if total <= self.max_bytes {
                break;
            }
            if fs::remove_dir_all(&path).is_ok() {
                total = total.saturating_sub(size);
            }
        }
    }

    /// How many entries and bytes the cache holds.
    pub fn usage(&self) -> (usize, u64) {
        let e = self.entries();
        (e.len(), e.iter().map(|(_, s, _)| s).sum())
    }

    /// Remove every entry (`judge cache clear`); returns how many were removed.
    pub fn clear(&self) -> io::Result<usize> {
        let n = self.entries().len();
        if self.dir.exists() {
            fs::remove_dir_all(&self.dir)?;
        }
        Ok(n)
    }
}

/// Create `path` (it must not exist) with `bytes` and `mode`.
fn write_new(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = fs::OpenOptions::new().write(true).create_new(true).mode(mode).open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(src: &str) -> BuildKey {
        BuildKey::new("cpp", Path::new("/usr/bin/true"), "1", &["-O2".into()], &[("solution.cpp".into(), src.as_bytes().to_vec())])
    }

    #[test]
    fn hit_miss_corruption_and_eviction() {
        let dir = tempfile::tempdir().unwrap();
        let cache = BuildCache::new(dir.path().join("c"), 3000);
        let prog = dir.path().join("prog");
        std::fs::write(&prog, vec![7u8; 1000]).unwrap();
        let (a, b) = (key("a"), key("b"));
        assert_ne!(a.as_str(), b.as_str());
        assert!(!cache.fetch(&a, &dir.path().join("x")).unwrap());
        cache.store(&a, &prog).unwrap();
        assert!(cache.fetch(&a, &dir.path().join("x1")).unwrap());
        assert_eq!(std::fs::read(dir.path().join("x1")).unwrap(), vec![7u8; 1000]);
        // Corruption: never trusted, removed.
        std::fs::write(cache.dir().join(a.as_str()).join("program"), vec![8u8; 1000]).unwrap();
        assert!(!cache.fetch(&a, &dir.path().join("x2")).unwrap());
        assert!(!cache.dir().join(a.as_str()).exists());
        // Eviction: the least recently used go first past the bound.
        for k in ["1", "2", "3", "4"] {
            cache.store(&key(k), &prog).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let (n, bytes) = cache.usage();
        assert!(bytes <= 3000 && n >= 1, "{n} entries, {bytes} bytes");
        assert!(cache.dir().join(key("4").as_str()).exists(), "the newest stays");
        assert!(!cache.dir().join(key("1").as_str()).exists(), "the oldest went");
        assert_eq!(cache.clear().unwrap(), n);
    }

    #[test]
    fn a_passed_check_is_an_entry_without_a_program() {
        let dir = tempfile::tempdir().unwrap();
        let cache = BuildCache::new(dir.path().join("c"), 1 << 20);
        let k = key("check");
        assert!(!cache.check_passed(&k));
        cache.store_check(&k).unwrap();
        assert!(cache.check_passed(&k));
        let entry = cache.dir().join(k.as_str());
        assert!(!entry.join("program").exists());
        // Not a program: fetching one under that key is a miss.
        assert!(!cache.fetch(&k, &dir.path().join("p")).unwrap());
        assert!(cache.check_passed(&k), "and leaves the check entry alone");
        // A check entry that holds a program is not sound: removed.
        let prog = dir.path().join("prog");
        std::fs::write(&prog, b"binary").unwrap();
        let p = key("program");
        cache.store(&p, &prog).unwrap();
        std::fs::write(cache.dir().join(p.as_str()).join("meta.json"), br#"{"size":0,"blake3":"af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262","check":true}"#).unwrap();
        assert!(!cache.check_passed(&p), "a forged check entry beside a program is removed");
        assert!(!cache.dir().join(p.as_str()).exists());
        // Corrupted: removed, never trusted.
        std::fs::write(entry.join("meta.json"), b"{").unwrap();
        assert!(!cache.check_passed(&k));
        assert!(!entry.exists());
    }

    #[test]
    fn concurrent_stores_of_one_key_leave_one_sound_entry() {
        let dir = tempfile::tempdir().unwrap();
        let prog = dir.path().join("prog");
        std::fs::write(&prog, b"binary").unwrap();
        let cache = BuildCache::new(dir.path().join("c"), 1 << 20);
        let k = key("same");
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| cache.store(&k, &prog).unwrap());
            }
        });
        assert!(cache.fetch(&k, &dir.path().join("out")).unwrap());
        let leftovers: Vec<_> = std::fs::read_dir(cache.dir()).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().starts_with('.')).collect();
        assert!(leftovers.is_empty());
    }
}
