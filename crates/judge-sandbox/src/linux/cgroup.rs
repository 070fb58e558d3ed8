//! cgroup v1 memory/pids/cpuacct controllers (writable by root on our
//! machines), used for a memory limit with a true peak and an OOM count, a
//! process limit that holds under root (where `RLIMIT_NPROC` does not), and
//! the CPU time of every process of the run, waited for or not.
//!
//! Limits are written before any process joins (ioi/isolate#123: a cgroup
//! whose limit was written after the process joined let the first run through).
//! cgroup v2 with delegated controllers is not used yet; without v1 access the
//! run falls back to `RLIMIT_AS` and reports the layer missing.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

const V1_ROOT: &str = "/sys/fs/cgroup";
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Which cgroup controllers the judge can use on this machine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CgroupSupport {
    /// The v1 memory controller is writable.
    pub memory: bool,
    /// The v1 pids controller is writable.
    pub pids: bool,
    /// The v1 cpuacct controller is writable (CPU time of the whole run).
    pub cpuacct: bool,
    /// Why a controller is unusable, for reports.
    pub why_not: Vec<String>,
}

impl CgroupSupport {
    /// Probe the machine: creates and removes a test group in each controller.
    pub fn detect() -> CgroupSupport {
        let mut s = CgroupSupport::default();
        for (name, flag) in [("memory", &mut s.memory), ("pids", &mut s.pids), ("cpuacct", &mut s.cpuacct)] {
            match probe(name) {
                Ok(()) => *flag = true,
                Err(e) => s.why_not.push(format!("cgroup-{name}: {e}")),
            }
        }
        s
    }
}

fn probe(controller: &str) -> Result<(), String> {
    let base = Path::new(V1_ROOT).join(controller);
    if !base.join("cgroup.procs").exists() {
        return Err(format!("no cgroup v1 {controller} hierarchy at {}", base.display()));
    }
    let parent = base.join("judge");
    let _ = fs::create_dir(&parent);
    let dir = parent.join(format!("probe-{}", std::process::id()));
    fs::create_dir(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let _ = fs::remove_dir(&dir);
    Ok(())
}

/// The cgroups of one run; removed by [`RunCgroup::finish`].
#[derive(Debug)]
pub struct RunCgroup {
    memory: Option<PathBuf>,
    pids: Option<PathBuf>,
    cpuacct: Option<PathBuf>,
}

/// What the cgroups measured.
#[derive(Debug, Clone, Copy, Default)]
pub struct CgroupUsage {
    /// Peak memory usage of the run, KiB.
    pub peak_kib: Option<u64>,
    /// Processes of the run killed by the OOM killer.
    pub oom_kills: u64,
    /// CPU time of every process of the run, ms.
    pub cpu_ms: Option<u64>,
}

impl RunCgroup {
    /// Create the run's groups and write their limits (memory in KiB, process count).
    pub fn create(support: &CgroupSupport, memory_kib: Option<u64>, processes: u64) -> Result<RunCgroup, String> {
        let id = format!("run-{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
        let mut cg = RunCgroup { memory: None, pids: None, cpuacct: None };
        if support.memory {
            if let Some(kib) = memory_kib {
                let dir = Path::new(V1_ROOT).join("memory/judge").join(&id);
                fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                cg.memory = Some(dir.clone());
                let bytes = (kib * 1024).to_string();
                write(&dir.join("memory.limit_in_bytes"), &bytes)?;
                let memsw = dir.join("memory.memsw.limit_in_bytes");
                if memsw.exists() {
                    write(&memsw, &bytes)?;
                }
                let _ = write(&dir.join("memory.swappiness"), "0");
            }
        }
        if support.pids {
            let dir = Path::new(V1_ROOT).join("pids/judge").join(&id);
            fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            cg.pids = Some(dir.clone());
            write(&dir.join("pids.max"), &processes.to_string())?;
        }
        if support.cpuacct {
            let dir = Path::new(V1_ROOT).join("cpuacct/judge").join(&id);
            fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            cg.cpuacct = Some(dir);
        }
        Ok(cg)
    }

    /// The cpuacct group's directory, if any.
    pub fn cpuacct_dir(&self) -> Option<&Path> {
        self.cpuacct.as_deref()
    }

    /// The `cgroup.procs` files the helper writes its pid into.
    pub fn procs_files(&self) -> Vec<PathBuf> {
        [&self.memory, &self.pids, &self.cpuacct].into_iter().flatten().map(|d| d.join("cgroup.procs")).collect()
    }

    /// Whether a memory limit is enforced by this group.
    pub fn has_memory(&self) -> bool {
        self.memory.is_some()
    }

    /// Whether a process limit is enforced by this group.
    pub fn has_pids(&self) -> bool {
        self.pids.is_some()
    }

    /// Read the counters, then remove the groups (retrying while the last
    /// processes of the run are still being torn down).
    pub fn finish(self) -> CgroupUsage {
        let mut usage = CgroupUsage::default();
        if let Some(dir) = &self.memory {
            usage.peak_kib = read(&dir.join("memory.max_usage_in_bytes")).map(|b| b / 1024);
            if let Ok(text) = fs::read_to_string(dir.join("memory.oom_control")) {
                for line in text.lines() {
                    if let Some(n) = line.strip_prefix("oom_kill ") {
                        usage.oom_kills = n.trim().parse().unwrap_or(0);
                    }
                }
            }
        }
        if let Some(dir) = &self.cpuacct {
            usage.cpu_ms = read(&dir.join("cpuacct.usage")).map(|ns| ns / 1_000_000);
        }
        for dir in [&self.memory, &self.pids, &self.cpuacct].into_iter().flatten() {
            for attempt in 0..200 {
                match fs::remove_dir(dir) {
                    Ok(()) => break,
                    Err(_) if attempt < 199 => std::thread::sleep(std::time::Duration::from_millis(5)),
                    Err(e) => tracing::warn!("cannot remove cgroup {}: {e}", dir.display()),
                }
            }
        }
        usage
    }
}

fn write(path: &Path, value: &str) -> Result<(), String> {
    fs::write(path, value).map_err(|e| format!("cannot write {value} to {}: {e}", path.display()))
}

fn read(path: &Path) -> Option<u64> {
    fs::read_to_string(path).ok()?.trim().parse().ok()
}
