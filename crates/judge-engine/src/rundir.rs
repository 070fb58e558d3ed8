//! The per-submission run directory and its permissions.

use std::fs;
use std::io;
use std::os::unix::fs::{chown, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Write a file readable by everyone into `dir` (a program's folder).
pub fn install_readonly(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let p = dir.join(Path::new(name).file_name().unwrap_or(name.as_ref()));
    fs::write(&p, bytes)?;
    mode(&p, 0o644)?;
    Ok(p)
}

/// The directories of one judging; removed on drop, and by
/// [`judge_sandbox::cleanup::end_everything`] when the judge is interrupted.
pub struct RunDir {
    _root: tempfile::TempDir,
    pub driver: PathBuf,
    /// Where the compiler runs: only a mount point for its private tmpfs.
    pub build: PathBuf,
    /// The compiler's sources (judge-owned, copied into its tmpfs by the sandbox).
    pub sources: PathBuf,
    pub private: PathBuf,
    root: PathBuf,
    uid: Option<u32>,
    counter: AtomicUsize,
}

fn mode(p: &Path, m: u32) -> io::Result<()> {
    fs::set_permissions(p, fs::Permissions::from_mode(m))
}

impl Drop for RunDir {
    fn drop(&mut self) {
        // `_root` removes the tree right after this.
        judge_sandbox::cleanup::unregister_dir(&self.root);
    }
}

impl RunDir {
    /// Create the tree; `uid` is the sandbox uid that must own the writable parts.
    pub fn create(uid: Option<u32>, parent: Option<&Path>) -> io::Result<RunDir> {
        let builder = tempfile::Builder::new().prefix("judge-").clone();
        let root_dir = match parent {
            Some(p) => builder.tempdir_in(p)?,
            None => builder.tempdir()?,
        };
        let root = root_dir.path().to_path_buf();
        judge_sandbox::cleanup::register_dir(&root);
        mode(&root, 0o711)?;
        let mk = |name: &str, m: u32, owned: bool| -> io::Result<PathBuf> {
            let p = root.join(name);
            fs::create_dir(&p)?;
            mode(&p, m)?;
            if owned {
                if let Some(u) = uid {
                    chown(&p, Some(u), Some(u))?;
                }
            }
            Ok(p)
        };
        Ok(RunDir {
            driver: mk("driver", 0o755, false)?,
            build: mk("build", 0o700, true)?,
            sources: mk("sources", 0o700, false)?,
            private: mk("private", 0o700, false)?,
            _root: root_dir,
            root,
            uid,
            counter: AtomicUsize::new(0),
        })
    }

    /// Write driver files (read-only to the program).
    pub fn install_driver_files(&self, files: &[(String, Vec<u8>)]) -> io::Result<()> {
        for (name, bytes) in files {
            let p = self.driver.join(name);
            fs::write(&p, bytes)?;
            mode(&p, 0o644)?;
        }
        Ok(())
    }

    /// A fresh root-owned folder (0755) for a checker or validator program.
    pub fn fresh_program_dir(&self) -> io::Result<PathBuf> {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let dir = self.root.join(format!("program-{n}"));
        fs::create_dir(&dir)?;
        mode(&dir, 0o755)?;
        Ok(dir)
    }

    /// The judge-private folder (case inputs).
    pub fn private_dir(&self) -> &Path {
        &self.private
    }


    /// Write a source file for the compiler into the judge-owned sources
    /// directory (the sandbox seeds the compiler's tmpfs with it).
    pub fn write_build_file(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let p = self.sources.join(Path::new(name).file_name().unwrap_or(name.as_ref()));
        fs::write(&p, bytes)?;
        mode(&p, 0o600)
    }

    /// A fresh empty working directory owned by the sandbox uid.
    pub fn fresh_workdir(&self, label: &str) -> io::Result<PathBuf> {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let p = self.root.join(format!("work-{label}-{n}"));
        fs::create_dir(&p)?;
        mode(&p, 0o700)?;
        if let Some(u) = self.uid {
            chown(&p, Some(u), Some(u))?;
        }
        Ok(p)
    }

    /// A path in the judge-private directory.
    pub fn private_file(&self, name: &str) -> PathBuf {
        self.private.join(name)
    }
}
