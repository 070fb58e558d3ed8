//! What must not outlive an interrupted judge: the sandbox helpers of the
//! runs in progress and the temporary directories they use.
//!
//! [`Sandbox::run`](crate::Sandbox::run) registers each helper it starts;
//! run directories register themselves with [`register_dir`]. A signal
//! handler (or a fatal write error) calls [`end_everything`] before the judge
//! exits, so that no process of a run and no `judge-*` directory remains.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

static HELPERS: Mutex<Vec<u32>> = Mutex::new(Vec::new());
static DIRS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static CGROUPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static ENDING: AtomicBool = AtomicBool::new(false);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic elsewhere while holding the lock leaves the list usable.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Remember a live helper process (the judge's direct child).
pub(crate) fn register_helper(pid: u32) {
    lock(&HELPERS).push(pid);
    if ENDING.load(Ordering::SeqCst) {
        // Started while the judge is ending: it must not survive either.
        unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
    }
}

/// Called by a thread that runs programs: once the judge is ending, it stops
/// here for good (the process is about to exit), so that it neither starts
/// another run, nor creates files in a directory being removed, nor reports
/// the killed run as a verdict.
pub(crate) fn park_if_ending() {
    while ENDING.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

/// Forget a helper once it has been reaped.
pub(crate) fn unregister_helper(pid: u32) {
    lock(&HELPERS).retain(|p| *p != pid);
}

/// Remember a temporary directory to remove if the judge is interrupted.
pub fn register_dir(path: &Path) {
    lock(&DIRS).push(path.to_path_buf());
}

/// Forget a directory (it was removed the normal way).
pub fn unregister_dir(path: &Path) {
    lock(&DIRS).retain(|p| p != path);
}

/// Remember the cgroup directories of a run in progress (removed with
/// `rmdir` once its processes are gone).
pub(crate) fn register_cgroups(dirs: &[PathBuf]) {
    lock(&CGROUPS).extend(dirs.iter().cloned());
}

/// Forget a run's cgroup directories (the run removed them).
pub(crate) fn unregister_cgroups(dirs: &[PathBuf]) {
    lock(&CGROUPS).retain(|p| !dirs.contains(p));
}

/// End every run in progress and remove every registered directory; for a
/// judge about to exit on a signal or a fatal error. Each helper gets
/// `SIGKILL`; its init dies with it (`PR_SET_PDEATHSIG`) and, as PID 1 of the
/// run's PID namespace, takes every process of the run down. Waits up to 1 s
/// for the helpers to be dead, then removes the directories (retrying for up
/// to 1 s while a run being torn down still adds files; errors are ignored:
/// nothing more can be done on the way out). From then on, threads that run
/// programs stop at their next run (see `park_if_ending`).
pub fn end_everything() {
    ENDING.store(true, Ordering::SeqCst);
    let helpers: Vec<u32> = lock(&HELPERS).clone();
    for pid in &helpers {
        // SAFETY: plain syscall; the pid is our own child, not yet reaped.
        unsafe { libc::kill(*pid as libc::pid_t, libc::SIGKILL) };
    }
    let deadline = Instant::now() + Duration::from_secs(1);
    while Instant::now() < deadline && helpers.iter().any(|p| alive(*p)) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let dirs: Vec<PathBuf> = std::mem::take(&mut *lock(&DIRS));
    let deadline = Instant::now() + Duration::from_secs(1);
    for dir in dirs {
        while std::fs::remove_dir_all(&dir).is_err() && dir.exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    // A cgroup can be removed once its last process has been torn down.
    let cgroups: Vec<PathBuf> = std::mem::take(&mut *lock(&CGROUPS));
    for dir in cgroups {
        while std::fs::remove_dir(&dir).is_err() && dir.exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Whether a process exists and is not a zombie.
fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat.rsplit(')').next().and_then(|r| r.split_whitespace().next()) != Some("Z"),
        Err(_) => false,
    }
}
