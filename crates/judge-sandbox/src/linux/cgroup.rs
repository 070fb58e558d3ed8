//! cgroups for a memory limit with a true peak and an OOM count, a process
//! limit that holds under root (where `RLIMIT_NPROC` does not), and the CPU
//! time of every process of the run, waited for or not.
//!
//! # Which cgroups (detection order)
//! 1. `JUDGE_DISABLE_CGROUPS=1` (handled by the sandbox): none.
//! 2. **cgroup v1** as root, where `/sys/fs/cgroup/memory` (and `pids`,
//!    `cpuacct`) are v1 hierarchies (hybrid hosts such as ours): groups under
//!    `<controller>/judge/`.
//! 3. **cgroup v2**, found in `/proc/self/mountinfo` (pure v2 at
//!    `/sys/fs/cgroup`, or hybrid at `/sys/fs/cgroup/unified`, which is only
//!    useful when it has controllers):
//!    - as root, a `judge` subtree under the root of the hierarchy, with
//!      `memory pids cpu` enabled in `cgroup.subtree_control` on the way;
//!    - else (or when that fails) the judge's own cgroup from
//!      `/proc/self/cgroup` if it is delegated to us (systemd's
//!      `Delegate=yes`: the user owns it). Because of the "no internal
//!      processes" rule, the judge first moves itself into a leaf
//!      `judge-leaf-<pid>`, then enables the controllers and creates run groups
//!      beside that leaf.
//! 4. None: the memory limit falls back to `RLIMIT_AS`, the process limit to
//!    `RLIMIT_NPROC`, and the layers are reported missing with the reasons.
//!
//! Limits are written before any process joins (ioi/isolate#123: a cgroup
//! whose limit was written after the process joined let the first run
//! through). At the end of a v2 run `cgroup.kill` ends whatever is left
//! before the group is removed.
//!
//! Detection runs once per process (it may move the judge into a leaf).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

const V1_ROOT: &str = "/sys/fs/cgroup";
static COUNTER: AtomicU64 = AtomicU64::new(0);
static DETECTED: OnceLock<CgroupSupport> = OnceLock::new();

/// Controllers the judge enables in a v2 subtree (`cpu` is optional: CPU time
/// comes from `cpu.stat`, which every v2 group has).
const V2_CONTROLLERS: [&str; 3] = ["memory", "pids", "cpu"];

/// Which cgroup hierarchy the judge uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CgroupVersion {
    /// v1 controllers under `/sys/fs/cgroup/<controller>/judge`.
    V1,
    /// A v2 subtree; run groups are created in `runs`.
    V2 {
        /// Directory the run groups are created in.
        runs: PathBuf,
        /// Whether this is a subtree delegated to a non-root judge (or the
        /// judge's own cgroup), rather than a `judge` group under the root.
        delegated: bool,
        /// The kernel has `memory.peak` (Linux >= 5.19); otherwise the helper
        /// polls `memory.current`.
        peak_file: bool,
    },
}

/// Which cgroup controllers the judge can use on this machine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CgroupSupport {
    /// A memory limit (v1 `memory` or v2 `memory.max`) can be set.
    pub memory: bool,
    /// A process limit (v1 `pids` or v2 `pids.max`) can be set.
    pub pids: bool,
    /// The CPU time of the whole run is counted (v1 `cpuacct.usage` or v2
    /// `cpu.stat` `usage_usec`).
    pub cpuacct: bool,
    /// The hierarchy in use, if any.
    pub version: Option<CgroupVersion>,
    /// Why a controller is unusable, for reports (`cgroup-memory: why`).
    pub why_not: Vec<String>,
    /// What detection tried, in order, and what came of it (for `judge doctor`).
    pub tried: Vec<String>,
}

impl CgroupSupport {
    /// Probe the machine once per process (v1 first where it is writable,
    /// then v2; see the module docs) and return the cached answer. May move
    /// the judge process into a leaf of a delegated v2 subtree.
    pub fn detect() -> CgroupSupport {
        DETECTED.get_or_init(detect_uncached).clone()
    }

    /// One line saying which cgroups are used: `cgroup v1 (...)`,
    /// `cgroup v2 (root: ...)`, `cgroup v2 (delegated: ...)`, or `none`.
    pub fn describe(&self) -> String {
        match &self.version {
            None => "none".into(),
            Some(CgroupVersion::V1) => format!("cgroup v1 ({V1_ROOT}/{{memory,pids,cpuacct}}/judge)"),
            Some(CgroupVersion::V2 { runs, delegated, peak_file }) => format!(
                "cgroup v2 ({}: {}; peak from {})",
                if *delegated { "delegated" } else { "root" },
                runs.display(),
                if *peak_file { "memory.peak" } else { "polled memory.current" }
            ),
        }
    }

    /// What a user can do to get cgroups when none are usable, else `None`.
    pub fn hint(&self) -> Option<String> {
        if self.memory && self.pids {
            return None;
        }
        Some(if super::is_root() {
            "mount a cgroup v2 hierarchy with the memory and pids controllers (or cgroup v1 memory/pids) at /sys/fs/cgroup".into()
        } else {
            "run judge in a delegated cgroup v2 scope: `systemd-run --user --scope -p Delegate=yes judge ...` \
             (or run it as root)"
                .into()
        })
    }
}

fn detect_uncached() -> CgroupSupport {
    let root = super::is_root();
    let mut s = CgroupSupport::default();
    let v1_present = Path::new(V1_ROOT).join("memory/cgroup.procs").exists() || Path::new(V1_ROOT).join("pids/cgroup.procs").exists();
    let mut v1_reasons = Vec::new();
    if v1_present && root {
        let mut v1 = CgroupSupport::default();
        for (name, flag) in [("memory", &mut v1.memory), ("pids", &mut v1.pids), ("cpuacct", &mut v1.cpuacct)] {
            match probe_v1(name) {
                Ok(()) => *flag = true,
                Err(e) => v1_reasons.push(format!("cgroup-{name}: {e}")),
            }
        }
        if v1.memory || v1.pids {
            s = v1;
            s.version = Some(CgroupVersion::V1);
            s.why_not = v1_reasons;
            s.tried.push(format!("cgroup v1: used ({})", s.describe()));
            return s;
        }
        s.tried.push(format!("cgroup v1: {}", v1_reasons.join("; ")));
    } else if v1_present {
        s.tried.push("cgroup v1: present, but writable by root only".into());
    } else {
        s.tried.push("cgroup v1: no memory or pids hierarchy".into());
    }
    let mountinfo = fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    let Some(mount) = v2_mount(&mountinfo) else {
        s.tried.push("cgroup v2: not mounted".into());
        s.why_not.push(format!("cgroups: neither usable ({})", s.tried.join("; ")));
        return s;
    };
    let self_cgroup = fs::read_to_string("/proc/self/cgroup").unwrap_or_default();
    match setup_v2(&mount, &self_cgroup, root, std::process::id()) {
        Ok(v2) => {
            s.memory = v2.memory;
            s.pids = v2.pids;
            s.cpuacct = true;
            s.version = Some(CgroupVersion::V2 { runs: v2.runs, delegated: v2.delegated, peak_file: v2.peak_file });
            for c in ["memory", "pids"] {
                if !v2.enabled.iter().any(|e| e == c) {
                    s.why_not.push(format!("cgroup-{c}: controller not available in {}", mount.display()));
                }
            }
            s.tried.push(format!("cgroup v2: used ({})", s.describe()));
        }
        Err(e) => {
            s.tried.push(format!("cgroup v2 at {}: {e}", mount.display()));
            s.why_not.push(format!("cgroups: neither usable ({})", s.tried.join("; ")));
        }
    }
    s
}

fn probe_v1(controller: &str) -> Result<(), String> {
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

/// The mount point of the cgroup v2 hierarchy, from `/proc/self/mountinfo`
/// text (fields: id parent dev root mountpoint opts ... `-` fstype ...). The
/// first `cgroup2` mount wins.
pub fn v2_mount(mountinfo: &str) -> Option<PathBuf> {
    for line in mountinfo.lines() {
        let Some((left, right)) = line.split_once(" - ") else { continue };
        if right.split_whitespace().next() != Some("cgroup2") {
            continue;
        }
        let point = left.split_whitespace().nth(4)?;
        return Some(PathBuf::from(unescape_mountinfo(point)));
    }
    None
}

/// mountinfo escapes space, tab, newline and backslash as `\ooo` octal.
fn unescape_mountinfo(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 3 < b.len() && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c)) {
            out.push((b[i + 1] - b'0') * 64 + (b[i + 2] - b'0') * 8 + (b[i + 3] - b'0'));
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The v2 cgroup path of the process from `/proc/self/cgroup` text (the
/// `0::/path` line), e.g. `/user.slice/user-1000.slice/user@1000.service/app.slice/x.scope`.
/// `None` when the process is in no v2 cgroup (v1-only text) or the path is
/// not absolute or contains `..`.
pub fn v2_self_path(proc_self_cgroup: &str) -> Option<String> {
    let path = proc_self_cgroup.lines().find_map(|l| l.strip_prefix("0::"))?.trim();
    // A cgroup namespace shows a cgroup outside it as "/../..."; a deleted one ends in " (deleted)".
    if !path.starts_with('/') || path.split('/').any(|c| c == "..") || path.ends_with(" (deleted)") {
        return None;
    }
    Some(path.to_string())
}

/// Controller names in a `cgroup.controllers` or `cgroup.subtree_control` file's text.
pub fn controller_list(text: &str) -> Vec<String> {
    text.split_whitespace().map(|c| c.trim_start_matches('+').to_string()).collect()
}

/// A counter from a flat-keyed cgroup file (`memory.events`, `cpu.stat`,
/// v1 `memory.oom_control`): the value on the line `key value`.
pub fn keyed_value(text: &str, key: &str) -> Option<u64> {
    text.lines().find_map(|l| {
        let mut parts = l.split_whitespace();
        (parts.next() == Some(key)).then(|| parts.next()?.parse().ok()).flatten()
    })
}

/// What [`setup_v2`] prepared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct V2Setup {
    /// Where run groups are created.
    pub runs: PathBuf,
    /// A delegated (or own) cgroup rather than a `judge` group under the root.
    pub delegated: bool,
    /// Controllers enabled for the run groups.
    pub enabled: Vec<String>,
    /// `memory.max` can be set.
    pub memory: bool,
    /// `pids.max` can be set.
    pub pids: bool,
    /// `memory.peak` exists.
    pub peak_file: bool,
    /// The leaf the judge moved itself into, if it had to.
    pub leaf: Option<PathBuf>,
}

/// Prepare a v2 subtree for run groups under `mount` (the hierarchy's mount
/// point), for a process `pid` whose `/proc/self/cgroup` text is given.
/// Root tries a `judge` group under the root first, then its own cgroup;
/// others only their own (delegated) cgroup. Creates directories and writes
/// `cgroup.subtree_control` (and may move `pid` into a leaf); a probe group
/// checks that the limits can be written. Errors say what failed, in order.
pub fn setup_v2(mount: &Path, proc_self_cgroup: &str, root: bool, pid: u32) -> Result<V2Setup, String> {
    let own = v2_self_path(proc_self_cgroup)
        .map(|p| match p.trim_start_matches('/') {
            "" => mount.to_path_buf(),
            rel => mount.join(rel),
        })
        .ok_or_else(|| "the judge is in no cgroup v2 group (/proc/self/cgroup has no 0:: line)".to_string());
    let mut errors = Vec::new();
    if root {
        match prepare_base(mount, true, pid) {
            Ok(s) => return Ok(s),
            Err(e) => errors.push(format!("root subtree: {e}")),
        }
    }
    match own {
        Ok(own) => match prepare_base(&own, false, pid) {
            Ok(s) => return Ok(s),
            Err(e) => errors.push(format!("own cgroup: {e}")),
        },
        Err(e) => errors.push(e),
    }
    Err(errors.join("; "))
}

fn prepare_base(base: &Path, at_root: bool, pid: u32) -> Result<V2Setup, String> {
    let available = fs::read_to_string(base.join("cgroup.controllers"))
        .map(|t| controller_list(&t))
        .map_err(|e| format!("cannot read {}: {e}", base.join("cgroup.controllers").display()))?;
    if !available.iter().any(|c| c == "memory" || c == "pids") {
        return Err(format!(
            "{} offers neither the memory nor the pids controller (cgroup.controllers: {:?})",
            base.display(),
            available.join(" ")
        ));
    }
    let wanted: Vec<String> = V2_CONTROLLERS.iter().filter(|c| available.iter().any(|a| a == *c)).map(|c| c.to_string()).collect();
    let (runs, leaf, enabled) = if at_root {
        // The root cgroup is exempt from the no-internal-processes rule.
        let first = enable(base, &wanted)?;
        let runs = base.join("judge");
        mkdir(&runs)?;
        let second = enable(&runs, &first)?;
        (runs, None, second)
    } else {
        // Our own cgroup must be writable by us (delegated), and may hold no
        // processes once controllers are enabled: move ourselves into a leaf.
        let procs = fs::read_to_string(base.join("cgroup.procs"))
            .map_err(|e| format!("cannot read {}: {e}", base.join("cgroup.procs").display()))?;
        let mut leaf = None;
        if !procs.trim().is_empty() {
            let l = base.join(format!("judge-leaf-{pid}"));
            mkdir(&l)?;
            write(&l.join("cgroup.procs"), &pid.to_string()).map_err(|e| format!("cannot move the judge into a leaf: {e}"))?;
            leaf = Some(l);
        }
        match enable(base, &wanted) {
            Ok(enabled) => (base.to_path_buf(), leaf, enabled),
            Err(e) => {
                let others = fs::read_to_string(base.join("cgroup.procs")).unwrap_or_default();
                let others = others.split_whitespace().filter(|p| *p != pid.to_string()).count();
                return Err(if others > 0 {
                    format!("{e} ({others} other processes share the judge's cgroup; start judge in its own scope)")
                } else {
                    e
                });
            }
        }
    };
    // Probe: a run group whose limits can be written.
    let probe = runs.join(format!("probe-{pid}"));
    mkdir(&probe)?;
    let memory = enabled.iter().any(|c| c == "memory") && write(&probe.join("memory.max"), "max").is_ok();
    let pids = enabled.iter().any(|c| c == "pids") && write(&probe.join("pids.max"), "max").is_ok();
    let peak_file = probe.join("memory.peak").exists();
    let _ = fs::remove_dir(&probe);
    if !memory && !pids {
        return Err(format!("{}: memory.max and pids.max cannot be written in a new group", runs.display()));
    }
    Ok(V2Setup { runs, delegated: !at_root, enabled, memory, pids, peak_file, leaf })
}

/// Enable `controllers` for the children of `dir` (each on its own, so one
/// the kernel refuses does not block the others). Returns those enabled;
/// fails unless memory or pids is among them.
fn enable(dir: &Path, controllers: &[String]) -> Result<Vec<String>, String> {
    let file = dir.join("cgroup.subtree_control");
    let current = fs::read_to_string(&file).map(|t| controller_list(&t)).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for c in controllers {
        if current.iter().any(|x| x == c) {
            ok.push(c.clone());
            continue;
        }
        match write(&file, &format!("+{c}")) {
            Ok(()) => ok.push(c.clone()),
            Err(e) => errors.push(e),
        }
    }
    if ok.iter().any(|c| c == "memory" || c == "pids") {
        Ok(ok)
    } else if errors.is_empty() {
        Err(format!("neither memory nor pids can be enabled in {}", file.display()))
    } else {
        Err(errors.join("; "))
    }
}

fn mkdir(dir: &Path) -> Result<(), String> {
    match fs::create_dir(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(format!("cannot create {}: {e}", dir.display())),
    }
}

/// CPU time counted in a run group, ms: v1 `cpuacct.usage` (ns) or v2
/// `cpu.stat` `usage_usec`.
pub fn cpu_usage_ms(dir: &Path) -> Option<u64> {
    if let Some(ns) = read(&dir.join("cpuacct.usage")) {
        return Some(ns / 1_000_000);
    }
    let text = fs::read_to_string(dir.join("cpu.stat")).ok()?;
    keyed_value(&text, "usage_usec").map(|us| us / 1000)
}

/// The cgroups of one run; removed by [`RunCgroup::finish`].
#[derive(Debug)]
pub struct RunCgroup {
    memory: Option<PathBuf>,
    pids: Option<PathBuf>,
    cpuacct: Option<PathBuf>,
    /// The single v2 group (also in the fields above for each controller used).
    v2: Option<PathBuf>,
    layers: Vec<String>,
    peak_file: bool,
    /// A v2 `memory.peak` descriptor whose peak was reset ([`RunCgroup::reset_peak`]).
    peak_fd: Option<fs::File>,
}

/// What the cgroups measured.
#[derive(Debug, Clone, Copy, Default)]
pub struct CgroupUsage {
    /// Peak memory usage of the run, KiB (`None` where the kernel keeps no
    /// peak: the helper's polled value is used then).
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
        let mut cg = RunCgroup { memory: None, pids: None, cpuacct: None, v2: None, layers: Vec::new(), peak_file: false, peak_fd: None };
        match &support.version {
            Some(CgroupVersion::V2 { runs, peak_file, .. }) => {
                let dir = runs.join(format!("judge-{id}"));
                mkdir(&dir)?;
                cg.v2 = Some(dir.clone());
                cg.peak_file = *peak_file;
                cg.layers.push(support.describe());
                if support.memory {
                    if let Some(kib) = memory_kib {
                        write(&dir.join("memory.max"), &(kib * 1024).to_string())?;
                        let swap = dir.join("memory.swap.max");
                        if swap.exists() {
                            write(&swap, "0")?;
                        }
                        cg.memory = Some(dir.clone());
                        cg.layers.push("cgroup-memory".into());
                    }
                }
                if support.pids {
                    write(&dir.join("pids.max"), &processes.to_string())?;
                    cg.pids = Some(dir.clone());
                    cg.layers.push("cgroup-pids".into());
                }
                cg.cpuacct = Some(dir);
                cg.layers.push("cgroup-cpu".into());
            }
            _ => {
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
                        cg.layers.push("cgroup-memory".into());
                    }
                }
                if support.pids {
                    let dir = Path::new(V1_ROOT).join("pids/judge").join(&id);
                    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                    cg.pids = Some(dir.clone());
                    write(&dir.join("pids.max"), &processes.to_string())?;
                    cg.layers.push("cgroup-pids".into());
                }
                if support.cpuacct {
                    let dir = Path::new(V1_ROOT).join("cpuacct/judge").join(&id);
                    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                    cg.cpuacct = Some(dir);
                    cg.layers.push("cgroup-cpuacct".into());
                }
                if !cg.layers.is_empty() {
                    cg.layers.insert(0, support.describe());
                }
            }
        }
        Ok(cg)
    }

    /// The group whose CPU counter covers the run (v1 cpuacct or the v2 group), if any.
    pub fn cpuacct_dir(&self) -> Option<&Path> {
        self.cpuacct.as_deref()
    }

    /// The `cgroup.procs` files the program writes "0" into to join.
    pub fn procs_files(&self) -> Vec<PathBuf> {
        if let Some(dir) = &self.v2 {
            return vec![dir.join("cgroup.procs")];
        }
        [&self.memory, &self.pids, &self.cpuacct].into_iter().flatten().map(|d| d.join("cgroup.procs")).collect()
    }

    /// Layer names this group enforces (`cgroup v2 (...)`, `cgroup-memory`,
    /// `cgroup-pids`, `cgroup-cpu` / `cgroup-cpuacct`).
    pub fn layers(&self) -> Vec<String> {
        self.layers.clone()
    }

    /// `memory.current` of a v2 group on a kernel without `memory.peak`
    /// (older than 5.19): the helper polls it for the peak.
    pub fn memory_current_file(&self) -> Option<PathBuf> {
        match (&self.v2, &self.memory) {
            (Some(dir), Some(_)) if !self.peak_file => Some(dir.join("memory.current")),
            _ => None,
        }
    }

    /// Whether a memory limit is enforced by this group.
    pub fn has_memory(&self) -> bool {
        self.memory.is_some()
    }

    /// Whether a process limit is enforced by this group.
    pub fn has_pids(&self) -> bool {
        self.pids.is_some()
    }

    /// CPU time of every process in the group so far, ms (v1 `cpuacct.usage`,
    /// v2 `cpu.stat` `usage_usec`); `None` without a CPU controller.
    pub fn cpu_ms(&self) -> Option<u64> {
        self.cpuacct.as_deref().and_then(cpu_usage_ms)
    }

    /// Start a new peak-memory window, so that [`RunCgroup::window_peak_kib`]
    /// is the peak since now: v1 writes 0 to `memory.max_usage_in_bytes`;
    /// v2 opens `memory.peak` and writes `reset` to that descriptor (from
    /// Linux 6.12 the peak of that descriptor restarts at the current usage).
    /// Returns false when the kernel kept the old peak: the figure is then
    /// the peak since the group was created.
    pub fn reset_peak(&mut self) -> bool {
        if let Some(dir) = &self.v2 {
            self.peak_fd = None;
            if self.memory.is_none() || !self.peak_file {
                return false;
            }
            let Ok(mut f) = fs::OpenOptions::new().read(true).write(true).open(dir.join("memory.peak")) else { return false };
            if std::io::Write::write_all(&mut f, b"reset\n").is_ok() {
                self.peak_fd = Some(f);
                return true;
            }
            return false;
        }
        match &self.memory {
            Some(dir) => write(&dir.join("memory.max_usage_in_bytes"), "0").is_ok(),
            None => false,
        }
    }

    /// Peak memory of the group since the last [`RunCgroup::reset_peak`] that
    /// succeeded (else since the group was created), KiB; `None` where the
    /// kernel keeps no peak (v2 before 5.19: poll [`RunCgroup::current_kib`]).
    pub fn window_peak_kib(&self) -> Option<u64> {
        if let Some(f) = &self.peak_fd {
            use std::os::unix::fs::FileExt;
            let mut buf = [0u8; 32];
            let n = f.read_at(&mut buf, 0).ok()?;
            return std::str::from_utf8(&buf[..n]).ok()?.trim().parse::<u64>().ok().map(|b| b / 1024);
        }
        match (&self.v2, &self.memory) {
            (Some(dir), Some(_)) => read(&dir.join("memory.peak")).map(|b| b / 1024),
            (None, Some(dir)) => read(&dir.join("memory.max_usage_in_bytes")).map(|b| b / 1024),
            _ => None,
        }
    }

    /// Memory charged to the group now, KiB (v1 `memory.usage_in_bytes`, v2 `memory.current`).
    pub fn current_kib(&self) -> Option<u64> {
        match (&self.v2, &self.memory) {
            (Some(dir), Some(_)) => read(&dir.join("memory.current")).map(|b| b / 1024),
            (None, Some(dir)) => read(&dir.join("memory.usage_in_bytes")).map(|b| b / 1024),
            _ => None,
        }
    }

    /// Processes of the group killed by the OOM killer so far (v2
    /// `memory.events` `oom_kill`, v1 `memory.oom_control` `oom_kill`).
    pub fn oom_kills(&self) -> u64 {
        let file = match (&self.v2, &self.memory) {
            (Some(dir), Some(_)) => dir.join("memory.events"),
            (None, Some(dir)) => dir.join("memory.oom_control"),
            _ => return 0,
        };
        fs::read_to_string(file).ok().and_then(|t| keyed_value(&t, "oom_kill")).unwrap_or(0)
    }

    /// Kill every process of a v2 group (`cgroup.kill`); false on v1, which has none.
    pub fn kill(&self) -> bool {
        match &self.v2 {
            Some(dir) => {
                kill_v2(dir);
                true
            }
            None => false,
        }
    }

    /// The group's directories (to register for cleanup).
    pub fn dirs(&self) -> Vec<PathBuf> {
        self.procs_files().iter().filter_map(|p| p.parent().map(Path::to_path_buf)).collect()
    }

    /// End whatever is left of the run (v2 `cgroup.kill`), read the counters,
    /// then remove the groups (retrying while the last processes of the run
    /// are still being torn down).
    pub fn finish(self) -> CgroupUsage {
        let mut usage = CgroupUsage::default();
        if let Some(dir) = &self.v2 {
            kill_v2(dir);
            if self.memory.is_some() {
                usage.peak_kib = read(&dir.join("memory.peak")).map(|b| b / 1024);
                if let Ok(text) = fs::read_to_string(dir.join("memory.events")) {
                    usage.oom_kills = keyed_value(&text, "oom_kill").unwrap_or(0);
                }
            }
            usage.cpu_ms = cpu_usage_ms(dir);
            remove(dir);
            return usage;
        }
        if let Some(dir) = &self.memory {
            usage.peak_kib = read(&dir.join("memory.max_usage_in_bytes")).map(|b| b / 1024);
            if let Ok(text) = fs::read_to_string(dir.join("memory.oom_control")) {
                usage.oom_kills = keyed_value(&text, "oom_kill").unwrap_or(0);
            }
        }
        if let Some(dir) = &self.cpuacct {
            usage.cpu_ms = cpu_usage_ms(dir);
        }
        for dir in [&self.memory, &self.pids, &self.cpuacct].into_iter().flatten() {
            remove(dir);
        }
        usage
    }
}

/// Kill every process of a v2 group: `cgroup.kill` (Linux >= 5.14), else
/// SIGKILL to each pid in `cgroup.procs` until it is empty (bounded).
fn kill_v2(dir: &Path) {
    if write(&dir.join("cgroup.kill"), "1").is_ok() {
        return;
    }
    for _ in 0..100 {
        let procs = fs::read_to_string(dir.join("cgroup.procs")).unwrap_or_default();
        let pids: Vec<i32> = procs.split_whitespace().filter_map(|p| p.parse().ok()).collect();
        if pids.is_empty() {
            return;
        }
        for p in pids {
            // SAFETY: plain kill(2) of a pid of the run's own group.
            unsafe { libc::kill(p, libc::SIGKILL) };
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

fn remove(dir: &Path) {
    for attempt in 0..200 {
        match fs::remove_dir(dir) {
            Ok(()) => break,
            Err(_) if attempt < 199 => std::thread::sleep(std::time::Duration::from_millis(5)),
            Err(e) => tracing::warn!("cannot remove cgroup {}: {e}", dir.display()),
        }
    }
}

fn write(path: &Path, value: &str) -> Result<(), String> {
    fs::write(path, value).map_err(|e| format!("cannot write {value} to {}: {e}", path.display()))
}

fn read(path: &Path) -> Option<u64> {
    fs::read_to_string(path).ok()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HYBRID: &str = "29 1 0:26 / /sys/fs/cgroup ro,nosuid - tmpfs tmpfs ro,mode=755\n\
        30 29 0:27 / /sys/fs/cgroup/unified rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n\
        31 29 0:28 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n";

    #[test]
    fn finds_the_v2_mount_in_mountinfo() {
        assert_eq!(v2_mount(HYBRID), Some(PathBuf::from("/sys/fs/cgroup/unified")));
        let pure = "25 1 0:22 / /sys/fs/cgroup rw,nosuid shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n";
        assert_eq!(v2_mount(pure), Some(PathBuf::from("/sys/fs/cgroup")));
        assert_eq!(v2_mount("31 29 0:28 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"), None);
        let spaced = "25 1 0:22 / /mnt/my\\040cg rw - cgroup2 cgroup2 rw\n";
        assert_eq!(v2_mount(spaced), Some(PathBuf::from("/mnt/my cg")));
        assert_eq!(v2_mount("garbage\n\n - \n"), None);
    }

    #[test]
    fn parses_proc_self_cgroup() {
        let v2 = "0::/user.slice/user-1000.slice/user@1000.service/app.slice/judge.scope\n";
        assert_eq!(v2_self_path(v2).as_deref(), Some("/user.slice/user-1000.slice/user@1000.service/app.slice/judge.scope"));
        let hybrid = "9:name=systemd:/\n4:memory:/x\n1:cpu:/\n0::/\n";
        assert_eq!(v2_self_path(hybrid).as_deref(), Some("/"));
        assert_eq!(v2_self_path("4:memory:/x\n"), None);
        assert_eq!(v2_self_path("0::/../outside\n"), None);
        assert_eq!(v2_self_path("0::/gone (deleted)\n"), None);
    }

    #[test]
    fn parses_controllers_and_counters() {
        assert_eq!(controller_list("cpuset cpu io memory hugetlb pids rdma misc\n").len(), 8);
        assert_eq!(controller_list("+memory +pids"), vec!["memory", "pids"]);
        let events = "low 0\nhigh 0\nmax 12\noom 2\noom_kill 1\noom_group_kill 0\n";
        assert_eq!(keyed_value(events, "oom_kill"), Some(1));
        assert_eq!(keyed_value(events, "oom"), Some(2));
        let stat = "usage_usec 1234567\nuser_usec 1000000\nsystem_usec 234567\nnr_periods 0\n";
        assert_eq!(keyed_value(stat, "usage_usec"), Some(1234567));
        assert_eq!(keyed_value(stat, "missing"), None);
        assert_eq!(keyed_value("usage_usec lots\n", "usage_usec"), None);
        let oom_control = "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n";
        assert_eq!(keyed_value(oom_control, "oom_kill"), Some(3));
    }

    #[test]
    fn cpu_usage_from_v1_and_v2_files() {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join("cpu.stat"), "usage_usec 2500000\nuser_usec 2000000\n").unwrap();
        assert_eq!(cpu_usage_ms(d.path()), Some(2500));
        fs::write(d.path().join("cpuacct.usage"), "1500000000\n").unwrap();
        assert_eq!(cpu_usage_ms(d.path()), Some(1500));
        assert_eq!(cpu_usage_ms(&d.path().join("none")), None);
    }

    /// A fake cgroupfs directory: each cgroup is a directory with the
    /// interface files the code reads; child directories are created empty by
    /// `mkdir` (the kernel fills them in), so the fake pre-creates nothing.
    fn fake_cgroup(dir: &Path, controllers: &str, procs: &str) {
        fs::create_dir_all(dir).unwrap();
        fs::write(dir.join("cgroup.controllers"), controllers).unwrap();
        fs::write(dir.join("cgroup.subtree_control"), "").unwrap();
        fs::write(dir.join("cgroup.procs"), procs).unwrap();
    }

    #[test]
    fn root_gets_a_judge_subtree_under_the_root() {
        let m = tempfile::tempdir().unwrap();
        fake_cgroup(m.path(), "cpuset cpu io memory pids\n", "1\n2\n");
        let judge = m.path().join("judge");
        fs::create_dir(&judge).unwrap();
        fs::write(judge.join("cgroup.subtree_control"), "").unwrap();
        let s = setup_v2(m.path(), "0::/system.slice/runner.service\n", true, 4242).unwrap();
        assert_eq!(s.runs, judge);
        assert!(!s.delegated);
        assert_eq!(s.leaf, None);
        assert_eq!(s.enabled, vec!["memory", "pids", "cpu"]);
        // Each controller was written on its own; the fake file keeps the last.
        assert_eq!(fs::read_to_string(judge.join("cgroup.subtree_control")).unwrap(), "+cpu");
        assert!(s.memory && s.pids, "{s:?}");
    }

    #[test]
    fn a_delegated_cgroup_with_processes_moves_the_judge_into_a_leaf() {
        let m = tempfile::tempdir().unwrap();
        let own = m.path().join("user.slice/user-1000.slice/user@1000.service/app.slice/run-1.scope");
        fake_cgroup(&own, "memory pids\n", "4242\n");
        let s = setup_v2(m.path(), "0::/user.slice/user-1000.slice/user@1000.service/app.slice/run-1.scope\n", false, 4242).unwrap();
        assert!(s.delegated);
        assert_eq!(s.runs, own);
        let leaf = own.join("judge-leaf-4242");
        assert_eq!(s.leaf.as_deref(), Some(leaf.as_path()));
        assert_eq!(fs::read_to_string(leaf.join("cgroup.procs")).unwrap(), "4242");
        assert_eq!(s.enabled, vec!["memory", "pids"]);
        assert!(s.memory && s.pids, "{s:?}");
    }

    #[test]
    fn a_cgroup_without_controllers_is_refused_with_the_reason() {
        let m = tempfile::tempdir().unwrap();
        fake_cgroup(m.path(), "", "1\n");
        let e = setup_v2(m.path(), "0::/\n", true, 7).unwrap_err();
        assert!(e.contains("neither the memory nor the pids controller"), "{e}");
        let e = setup_v2(m.path(), "4:memory:/x\n", false, 7).unwrap_err();
        assert!(e.contains("no 0:: line"), "{e}");
        let e = setup_v2(m.path(), "0::/not/there\n", false, 7).unwrap_err();
        assert!(e.contains("cannot read") && e.contains("not/there"), "{e}");
    }

    #[test]
    fn describe_names_the_version_and_mode() {
        let s = CgroupSupport {
            memory: true,
            pids: true,
            cpuacct: true,
            version: Some(CgroupVersion::V2 { runs: PathBuf::from("/sys/fs/cgroup/u.scope"), delegated: true, peak_file: false }),
            ..Default::default()
        };
        assert_eq!(s.describe(), "cgroup v2 (delegated: /sys/fs/cgroup/u.scope; peak from polled memory.current)");
        assert!(s.hint().is_none());
        assert_eq!(CgroupSupport::default().describe(), "none");
        assert!(CgroupSupport::default().hint().is_some());
    }
}
