//! The sandbox helper: a fresh single-threaded process (the judge binary
//! re-executed with [`crate::HELPER_SUBCOMMAND`]) that sets up and watches one run.
//!
//! File descriptors on entry: 0 = the program's stdin, 1/2 = the stdout and
//! stderr pipes, 3 = the [`RunSpec`] (read to EOF), 4 = where the
//! [`HelperReport`] goes, 5 = the result channel's write end (optional).
//!
//! Process tree: helper (outer) → init (PID 1 of a new PID namespace) →
//! program (PID 2). When the program ends, or a limit is hit, init kills every
//! process of the namespace; if the outer helper is killed, init dies with it
//! (`PR_SET_PDEATHSIG`) and takes the namespace down.

use crate::spec::{Collect, Collected, HelperReport, RunSpec, SEED_MAX_BYTES};
use judge_core::Termination;
use std::ffi::CString;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::FromRawFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SPEC_FD: i32 = 3;
const REPORT_FD: i32 = 4;
const CHANNEL_IN_FD: i32 = 5;
const CHANNEL_FD: i32 = 3;

/// Helper entry point; never returns.
pub fn main() -> ! {
    // If the judge dies, so does the run (init is tied to us the same way).
    unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0) };
    let mut spec_text = String::new();
    // SAFETY: fd 3 is handed to us by the judge as the spec pipe.
    let mut spec_file = unsafe { File::from_raw_fd(SPEC_FD) };
    let spec: Result<RunSpec, String> = spec_file
        .read_to_string(&mut spec_text)
        .map_err(|e| e.to_string())
        .and_then(|_| serde_json::from_str(&spec_text).map_err(|e| e.to_string()));
    drop(spec_file);
    // Keep fd 3 occupied (by /dev/null) so that nothing opened later lands on
    // the number the program's result channel is moved to.
    unsafe {
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC);
        if null >= 0 && null != SPEC_FD {
            libc::dup3(null, SPEC_FD, libc::O_CLOEXEC);
            libc::close(null);
        }
    }
    let spec = match spec {
        Ok(s) => s,
        Err(e) => fail(&format!("bad run spec: {e}"), Vec::new(), Vec::new()),
    };
    let mut enforced = vec!["rlimits".to_string()];
    let mut missing = Vec::new();

    enforced.extend(spec.cgroup_layers.iter().cloned());

    let root = super::is_root();
    let mut flags = libc::CLONE_NEWPID | libc::CLONE_NEWNS | libc::CLONE_NEWIPC;
    if spec.layers.network {
        flags |= libc::CLONE_NEWNET;
    }
    if !root {
        flags |= libc::CLONE_NEWUSER;
    }
    let namespaces = if spec.layers.namespaces {
        match enter_namespaces(flags, root) {
            Ok(()) => {
                if !root {
                    enforced.push("user-namespace".into());
                }
                enforced.extend(["pid-namespace".into(), "mount-namespace".into(), "ipc-namespace".into()]);
                if spec.layers.network {
                    enforced.push("network-namespace".into());
                }
                true
            }
            Err(e) => {
                missing.push(format!("namespaces: {e}; process-group kill only"));
                false
            }
        }
    } else {
        missing.push("namespaces: turned off for this run".into());
        false
    };

    if !root && namespaces {
        // RLIMIT_NPROC is counted per user namespace: in ours it starts with this run.
        enforced.push("rlimit-nproc".into());
    }
    let outer = unsafe { libc::getpid() };
    // SAFETY: single-threaded; the child only runs our own code before exec.
    match unsafe { libc::fork() } {
        -1 => fail("fork failed", enforced, missing),
        0 => init(spec, namespaces, outer, enforced, missing),
        child => {
            // The outer helper holds nothing the run needs: let pipes see EOF
            // as soon as the run's processes are gone.
            unsafe {
                let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
                for fd in [0, 1, 2] {
                    libc::dup2(null, fd);
                }
                libc::close(CHANNEL_IN_FD);
            }
            let mut status = 0;
            unsafe { libc::waitpid(child, &mut status, 0) };
            if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
                let why = if libc::WIFSIGNALED(status) {
                    format!("sandbox init killed by signal {}", libc::WTERMSIG(status))
                } else {
                    format!("sandbox init exited with status {}", libc::WEXITSTATUS(status))
                };
                fail(&why, Vec::new(), Vec::new());
            }
            unsafe { libc::_exit(0) }
        }
    }
}

/// Enter the run's namespaces. Not as root, the user namespace comes first
/// (with its uid/gid maps), then the others inside it, so that a refused step
/// is reported instead of failing the run. A user namespace whose maps cannot
/// be written (AppArmor's `kernel.apparmor_restrict_unprivileged_userns` on
/// Ubuntu 24.04 lets `unshare` succeed but gives no capabilities) is left
/// without the other namespaces: the program runs under the same uid.
fn enter_namespaces(flags: libc::c_int, root: bool) -> Result<(), String> {
    let (uid, gid) = (unsafe { libc::geteuid() }, unsafe { libc::getegid() });
    let apparmor = || {
        let restricted = std::fs::read_to_string("/proc/sys/kernel/apparmor_restrict_unprivileged_userns")
            .is_ok_and(|v| v.trim() == "1");
        if restricted {
            " (kernel.apparmor_restrict_unprivileged_userns = 1; see `judge doctor`)"
        } else {
            ""
        }
    };
    if !root {
        // SAFETY: plain syscall in a single-threaded process.
        if unsafe { libc::unshare(libc::CLONE_NEWUSER) } != 0 {
            return Err(format!("user namespace refused ({}){}", std::io::Error::last_os_error(), apparmor()));
        }
        let _ = std::fs::write("/proc/self/setgroups", "deny");
        let maps = std::fs::write("/proc/self/uid_map", format!("{uid} {uid} 1"))
            .and_then(|_| std::fs::write("/proc/self/gid_map", format!("{gid} {gid} 1")));
        if let Err(e) = maps {
            return Err(format!("cannot write the user namespace maps ({e}){}", apparmor()));
        }
    }
    // SAFETY: plain syscall in a single-threaded process.
    if unsafe { libc::unshare(flags & !libc::CLONE_NEWUSER) } != 0 {
        let e = std::io::Error::last_os_error();
        return Err(format!("unshare failed ({e}){}", if root { "" } else { apparmor() }));
    }
    Ok(())
}

fn fail(msg: &str, enforced: Vec<String>, missing: Vec<String>) -> ! {
    let report = HelperReport {
        termination: None,
        cpu_ms: 0,
        wall_ms: 0,
        wait_ms: 0,
        maxrss_kib: 0,
        killed_for_cpu: false,
        killed_for_wall: false,
        enforced,
        missing,
        error: Some(msg.to_string()),
        collected: None,
        cgroup_peak_kib: None,
    };
    write_report(&report);
    unsafe { libc::_exit(0) }
}

fn write_report(report: &HelperReport) {
    // SAFETY: fd 4 is the report pipe; ManuallyDrop keeps it open for a second report.
    let mut f = std::mem::ManuallyDrop::new(unsafe { File::from_raw_fd(REPORT_FD) });
    let mut line = serde_json::to_string(report).unwrap_or_default();
    line.push('\n');
    let _ = f.write_all(line.as_bytes());
}

fn init(mut spec: RunSpec, pidns: bool, outer: i32, mut enforced: Vec<String>, mut missing: Vec<String>) -> ! {
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0);
        // Inside a new PID namespace the parent lies outside it and reads as 0.
        let parent = libc::getppid();
        if parent != outer && !(pidns && parent == 0) {
            libc::_exit(1);
        }
    }
    // Only NVIDIA device nodes may be exposed (RunSpec::devices).
    for dev in &spec.devices {
        if let Err(e) = super::gpu::check_device_node(dev) {
            fail(&e, enforced, missing);
        }
    }
    if !spec.devices.is_empty() {
        enforced.push(format!("devices ({} NVIDIA device nodes read-write)", spec.devices.len()));
    }
    // The sources to seed and the directory a result goes to are opened while
    // the judge's tree is still in view (the mounts below cover /tmp).
    let seed = match spec.seed_dir.as_deref().map(read_seed).transpose() {
        Ok(s) => s.unwrap_or_default(),
        Err(e) => fail(&format!("cannot read the files to seed the work directory with: {e}"), enforced, missing),
    };
    let collect_into = match spec.collect.as_ref().map(|c| open_dir(&c.into)).transpose() {
        Ok(fd) => fd,
        Err(e) => fail(&format!("cannot open the directory for the program's result: {e}"), enforced, missing),
    };
    let mut proc_mounted = false;
    if pidns {
        // A mount that fails is a missing layer, never a failed run (seen:
        // covering a file on 9p in a user namespace gave EPERM).
        match setup_mounts(&spec, &mut proc_mounted, &mut missing) {
            Ok(done) => enforced.extend(done),
            Err(e) => {
                missing.push(format!("mounts: {e}; no private /tmp, hidden paths not covered"));
                if !spec.hidden.is_empty() {
                    missing.push("hidden-paths: no mount namespace setup".into());
                }
            }
        }
    } else if !spec.hidden.is_empty() {
        missing.push("hidden-paths: no mount namespace".into());
    }
    // The work directory as the program will see it (the private tmpfs when
    // there is one): seeded now, read from after the run.
    let workdir_fd = if !seed.is_empty() || spec.collect.is_some() {
        match open_dir(&spec.workdir) {
            Ok(fd) => Some(fd),
            Err(e) => fail(&format!("cannot open the work directory: {e}"), enforced, missing),
        }
    } else {
        None
    };
    if let Some(w) = &workdir_fd {
        let owner = spec.uid.filter(|_| super::is_root());
        for (name, bytes) in &seed {
            if let Err(e) = write_seed(w, name, bytes, owner) {
                fail(&format!("cannot seed the work directory: {e}"), enforced, missing);
            }
        }
    }
    drop(seed);
    let landlock = if spec.layers.landlock {
        match super::filter::landlock_ruleset(&spec) {
            Ok(l) => Some(l),
            Err(e) => {
                missing.push(format!("landlock: {e}"));
                None
            }
        }
    } else {
        missing.push("landlock: turned off for this run".into());
        None
    };
    let seccomp = if spec.layers.seccomp {
        match super::filter::seccomp_program() {
            Ok(p) => Some(p),
            Err(e) => {
                missing.push(format!("seccomp: {e}"));
                None
            }
        }
    } else {
        missing.push("seccomp: turned off for this run".into());
        None
    };
    // The program joins the run's cgroups itself (writing "0"), so that only
    // its processes are counted; the files are opened here, while allocation is fine.
    let mut cgroup_fds = Vec::new();
    for procs in &spec.cgroup_procs {
        match std::fs::OpenOptions::new().write(true).open(procs) {
            Ok(f) => cgroup_fds.push(f),
            Err(e) => {
                // Run without the cgroups (RLIMIT_AS then limits memory).
                missing.push(format!("cgroups: cannot open {}: {e}", procs.display()));
                enforced.retain(|l| !spec.cgroup_layers.contains(l));
                cgroup_fds.clear();
                spec.cgroup_memory = false;
                spec.cgroup_cpuacct = None;
                spec.cgroup_memory_current = None;
                break;
            }
        }
    }
    if spec.no_address_space_limit && spec.memory_kib.is_some() && !spec.cgroup_memory {
        // No RLIMIT_AS for this run (CUDA) and no memory cgroup: the limit
        // holds nowhere. Said plainly; the peak is still measured.
        missing.push("memory-limit: not enforced (no memory cgroup, and no RLIMIT_AS for this run); peak memory is only measured".into());
    }
    let memory_current = spec.cgroup_memory_current.as_ref().and_then(|p| File::open(p).ok());
    let drop_to = if super::is_root() { spec.uid } else { None };
    match drop_to {
        Some(_) => enforced.push("unprivileged-uid".into()),
        None if super::is_root() => missing.push("unprivileged-uid: no sandbox uid configured".into()),
        None => {}
    }

    let prepared = match Prepared::new(&spec) {
        Ok(p) => p,
        Err(e) => fail(&e, enforced, missing),
    };

    // Block SIGCHLD so sigtimedwait can wait for it with a timeout.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    unsafe {
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGCHLD);
        libc::sigprocmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
    let mut errpipe = [0i32; 2];
    if unsafe { libc::pipe2(errpipe.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        fail("pipe2 failed", enforced, missing);
    }
    let start = Instant::now();
    // SAFETY: init is single-threaded.
    let child = unsafe { libc::fork() };
    if child == -1 {
        fail("fork of the program failed", enforced, missing);
    }
    if child == 0 {
        let filters = Filters { landlock, seccomp: seccomp.as_ref(), cgroup_fds: &cgroup_fds };
        exec_program(&spec, &prepared, drop_to, errpipe[1], filters);
    }
    drop(cgroup_fds);
    let seccomp_wanted = seccomp.is_some();
    unsafe {
        libc::close(errpipe[1]);
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
        for fd in [0, 1, 2] {
            libc::dup2(null, fd);
        }
        libc::close(CHANNEL_IN_FD);
    }
    // Status from the program before exec: [landlock, seccomp] as one letter
    // each; then EOF at exec, or 'E' + errno if something failed.
    let mut status = Vec::new();
    let mut buf = [0u8; 16];
    loop {
        let n = unsafe { libc::read(errpipe[0], buf.as_mut_ptr().cast(), buf.len()) };
        if n > 0 {
            status.extend_from_slice(&buf[..n as usize]);
        } else if n == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            break;
        }
    }
    unsafe { libc::close(errpipe[0]) };
    if let Some(pos) = status.iter().position(|b| *b == b'E') {
        let mut errno_buf = [0u8; 4];
        let tail = &status[pos + 1..];
        let errno = if tail.len() >= 4 {
            errno_buf.copy_from_slice(&tail[..4]);
            i32::from_ne_bytes(errno_buf)
        } else {
            libc::EIO
        };
        kill_all(pidns, child);
        let e = std::io::Error::from_raw_os_error(errno);
        fail(&format!("cannot execute {}: {e}", spec.program.display()), enforced, missing);
    }
    match status.first() {
        Some(b'F') => enforced.push("landlock".into()),
        Some(b'P') => enforced.push("landlock (partial: older kernel ABI)".into()),
        Some(b'N') => missing.push("landlock: not supported by this kernel".into()),
        _ => {}
    }
    match status.get(1) {
        Some(b'1') => enforced.push("seccomp".into()),
        Some(b'0') if seccomp_wanted => missing.push("seccomp: the filter could not be installed".into()),
        _ => {}
    }

    let wall_limit = Duration::from_millis(spec.wall_ms);
    let cpu_limit_ticks = spec.cpu_ms;
    let stat_path = format!("/proc/{child}/stat");
    let cpuacct_usage = spec.cgroup_cpuacct.clone();
    let mut cgroup_peak: Option<u64> = None;
    let can_poll_cpu = cpuacct_usage.is_some() || !pidns || proc_mounted;
    // Without a cpuacct cgroup, our own PID namespace still lets us count
    // every process of the run: live ones from /proc, reaped ones from our
    // children's rusage.
    let ns_wide = cpuacct_usage.is_none() && pidns && proc_mounted;
    let (mut killed_for_cpu, mut killed_for_wall) = (false, false);
    let mut result: Option<(i32, libc::rusage)> = None;
    let tick = libc::timespec { tv_sec: 0, tv_nsec: 5_000_000 };
    // Waiting for a CPU on a busy machine is not charged against the wall
    // limit (up to WAIT_ALLOWANCE_FACTOR × the limit).
    let mut wait = WaitMeter::new(child, pidns && proc_mounted, spec.cgroup_pressure.clone());
    let max_allowance = wall_limit.saturating_mul(judge_core::limits::WAIT_ALLOWANCE_FACTOR as u32);
    let mut sampled = Instant::now();
    loop {
        unsafe { libc::sigtimedwait(&set, std::ptr::null_mut(), &tick) };
        if let Some(f) = &memory_current {
            if let Some(bytes) = read_counter(f) {
                cgroup_peak = Some(cgroup_peak.unwrap_or(0).max(bytes / 1024));
            }
        }
        let elapsed = start.elapsed();
        // Every 50 ms, and every tick once past the nominal wall limit.
        if sampled.elapsed() >= Duration::from_millis(50) || elapsed > wall_limit {
            wait.sample();
            sampled = Instant::now();
        }
        reap(child, &mut result);
        if result.is_some() {
            break;
        }
        if elapsed > wall_limit + Duration::from_millis(wait.wait_ms()).min(max_allowance) {
            killed_for_wall = true;
        } else if can_poll_cpu && run_cpu_ms(cpuacct_usage.as_deref(), &stat_path, ns_wide).is_some_and(|ms| ms > cpu_limit_ticks) {
            killed_for_cpu = true;
        }
        if killed_for_cpu || killed_for_wall {
            kill_all(pidns, child);
            while result.is_none() {
                let mut status = 0;
                let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
                let pid = unsafe { libc::wait4(child, &mut status, 0, &mut ru) };
                if pid == child {
                    result = Some((status, ru));
                } else if pid == -1 && std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
                    break;
                }
            }
            break;
        }
    }
    let wall_ms = start.elapsed().as_millis() as u64;
    wait.sample();
    let wait_ms = wait.wait_ms();
    kill_all(pidns, child);
    // Reap what is left (bounded: everything was sent SIGKILL).
    let deadline = Instant::now() + Duration::from_millis(500);
    while Instant::now() < deadline {
        let pid = unsafe { libc::waitpid(-1, std::ptr::null_mut(), libc::WNOHANG) };
        if pid == -1 {
            break;
        }
        if pid == 0 {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    let Some((status, ru)) = result else {
        fail("lost the program's exit status", enforced, missing);
    };
    // Every process of the run is gone (in a PID namespace): nothing changes
    // the work directory while the result is copied out.
    let exited_ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0 && !killed_for_cpu && !killed_for_wall;
    let collected = match (&spec.collect, &collect_into, &workdir_fd) {
        (Some(c), Some(into), Some(w)) if exited_ok => Some(collect_file(w, into, c)),
        _ => None,
    };
    let termination = if libc::WIFSIGNALED(status) {
        Termination::Signaled(libc::WTERMSIG(status))
    } else {
        Termination::Exited(libc::WEXITSTATUS(status))
    };
    let tv_ms = |t: libc::timeval| t.tv_sec as u64 * 1000 + t.tv_usec as u64 / 1000;
    let main_cpu = tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime);
    // Everything has been killed and reaped: our children's rusage is the
    // CPU time of the whole run (within our PID namespace).
    let cpu_ms = if ns_wide { main_cpu.max(children_cpu_ms()) } else { main_cpu };
    if ns_wide {
        enforced.push("namespace-cpu-accounting".into());
    }
    if !can_poll_cpu {
        missing.push("cpu-watchdog: /proc not mounted for the namespace; RLIMIT_CPU only".into());
    }
    let report = HelperReport {
        termination: Some(termination),
        cpu_ms,
        wall_ms,
        wait_ms,
        maxrss_kib: ru.ru_maxrss as u64,
        killed_for_cpu,
        killed_for_wall,
        enforced,
        missing,
        error: None,
        collected,
        cgroup_peak_kib: cgroup_peak,
    };
    write_report(&report);
    unsafe { libc::_exit(0) }
}

/// A number read from the start of an open cgroup file (`memory.current`), re-read each call.
fn read_counter(f: &File) -> Option<u64> {
    use std::os::unix::fs::FileExt;
    let mut buf = [0u8; 32];
    let n = f.read_at(&mut buf, 0).ok()?;
    std::str::from_utf8(&buf[..n]).ok()?.trim().parse().ok()
}

fn reap(child: i32, result: &mut Option<(i32, libc::rusage)>) {
    loop {
        let mut status = 0;
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        let pid = unsafe { libc::wait4(-1, &mut status, libc::WNOHANG, &mut ru) };
        if pid <= 0 {
            return;
        }
        if pid == child {
            *result = Some((status, ru));
        }
    }
}

fn kill_all(pidns: bool, child: i32) {
    unsafe {
        if pidns {
            // In our own PID namespace, -1 means every process but init.
            libc::kill(-1, libc::SIGKILL);
        } else {
            libc::kill(-child, libc::SIGKILL);
            libc::kill(child, libc::SIGKILL);
        }
    }
}

/// CPU time of the run so far, ms: the run's cgroup (v1 cpuacct or v2
/// `cpu.stat`: every process of the run), else the main process from `/proc/PID/stat`.
fn run_cpu_ms(cgroup: Option<&Path>, stat_path: &str, ns_wide: bool) -> Option<u64> {
    if let Some(ms) = cgroup.and_then(super::cgroup::cpu_usage_ms) {
        return Some(ms);
    }
    if ns_wide {
        return Some(namespace_cpu_ms());
    }
    cpu_ms_of(stat_path)
}

/// Time the run's processes spent runnable but waiting for a CPU.
///
/// With a cgroup `cpu.pressure` file (PSI, cgroup v2): the growth of its
/// "some" total, i.e. the wall time during which at least one process of the
/// run waited. Else the run-queue wait of `/proc/PID/schedstat` (2nd field,
/// ns; kernel `sched_info`), summed over every process of the namespace
/// (without a PID namespace: the main process only). Processes are sampled;
/// the last value seen of each is kept after it is gone, and a PID reused by a
/// new process (whose counter restarts) adds to what the old one had.
struct WaitMeter {
    /// `/proc/PID/schedstat` of the main process (no PID namespace).
    main: String,
    /// Scan every process of our PID namespace.
    ns_wide: bool,
    /// Last run-queue wait seen per PID, ns.
    seen: std::collections::HashMap<u32, u64>,
    /// Wait of processes whose PID was reused, ns.
    retired_ns: u64,
    /// The cgroup's `cpu.pressure` and its "some" total at the start, µs.
    pressure: Option<(PathBuf, u64)>,
    /// The latest PSI reading, µs since the start.
    pressure_us: u64,
}

impl WaitMeter {
    fn new(child: i32, ns_wide: bool, pressure: Option<PathBuf>) -> WaitMeter {
        let pressure = pressure.and_then(|p| psi_some_total_us(&p).map(|t| (p, t)));
        WaitMeter {
            main: format!("/proc/{child}/schedstat"),
            ns_wide,
            seen: std::collections::HashMap::new(),
            retired_ns: 0,
            pressure,
            pressure_us: 0,
        }
    }

    fn sample(&mut self) {
        if let Some((path, start)) = &self.pressure {
            if let Some(total) = psi_some_total_us(path) {
                self.pressure_us = total.saturating_sub(*start);
            }
            return;
        }
        if !self.ns_wide {
            if let Some(ns) = run_queue_wait_ns(&self.main) {
                self.note(0, ns);
            }
            return;
        }
        let Ok(dir) = std::fs::read_dir("/proc") else { return };
        for entry in dir.flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
            if pid == 1 {
                continue; // ourselves
            }
            if let Some(ns) = entry.path().to_str().and_then(|p| run_queue_wait_ns(&format!("{p}/schedstat"))) {
                self.note(pid, ns);
            }
        }
    }

    fn note(&mut self, pid: u32, ns: u64) {
        let last = self.seen.entry(pid).or_insert(0);
        if ns < *last {
            // A new process under a reused PID.
            self.retired_ns += *last;
        }
        *last = ns;
    }

    /// Waiting time so far, ms.
    fn wait_ms(&self) -> u64 {
        if self.pressure.is_some() {
            return self.pressure_us / 1000;
        }
        (self.retired_ns + self.seen.values().sum::<u64>()) / 1_000_000
    }
}

/// Run-queue wait of a task, ns: the 2nd field of `/proc/PID/schedstat`.
fn run_queue_wait_ns(path: &str) -> Option<u64> {
    let text = std::fs::read_to_string(path).ok()?;
    text.split_whitespace().nth(1)?.parse().ok()
}

/// The "some" total (µs) of a PSI file such as a cgroup's `cpu.pressure`:
/// `some avg10=0.00 avg60=0.00 avg300=0.00 total=12345`.
fn psi_some_total_us(path: &Path) -> Option<u64> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.lines().find(|l| l.starts_with("some "))?;
    line.split_whitespace().find_map(|f| f.strip_prefix("total="))?.parse().ok()
}

/// user + sys of the processes we have reaped (and those they reaped), ms.
fn children_cpu_ms() -> u64 {
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) };
    let ms = |t: libc::timeval| t.tv_sec as u64 * 1000 + t.tv_usec as u64 / 1000;
    ms(ru.ru_utime) + ms(ru.ru_stime)
}

/// CPU of every process of our PID namespace, ms: the live ones (their own
/// time and that of the children they waited for) plus what we reaped.
fn namespace_cpu_ms() -> u64 {
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    let mut ticks = 0u64;
    if let Ok(dir) = std::fs::read_dir("/proc") {
        for entry in dir.flatten() {
            let name = entry.file_name();
            let Some(pid) = name.to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
            if pid == 1 {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
            let Some(close) = text.rfind(')') else { continue };
            let fields: Vec<&str> = text[close + 2..].split_whitespace().collect();
            // utime, stime, cutime, cstime: fields 14–17 overall.
            for i in 11..15 {
                ticks += fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
            }
        }
    }
    children_cpu_ms() + ticks * 1000 / hz
}

/// utime + stime of a process from `/proc/PID/stat`, ms.
fn cpu_ms_of(stat_path: &str) -> Option<u64> {
    let text = std::fs::read_to_string(stat_path).ok()?;
    let after = &text[text.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // Fields after the command: state is index 0, utime is field 14 overall → index 11.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Some((utime + stime) * 1000 / hz)
}

/// Everything the program's exec needs, allocated before fork.
struct Prepared {
    program: CString,
    argv: Vec<CString>,
    env: Vec<CString>,
    workdir: CString,
}

impl Prepared {
    fn new(spec: &RunSpec) -> Result<Prepared, String> {
        let c = |s: &[u8]| CString::new(s).map_err(|_| "NUL byte in the run spec".to_string());
        Ok(Prepared {
            program: c(spec.program.as_os_str().as_bytes())?,
            argv: spec.argv.iter().map(|a| c(a.as_bytes())).collect::<Result<_, _>>()?,
            env: spec.env.iter().map(|(k, v)| c(format!("{k}={v}").as_bytes())).collect::<Result<_, _>>()?,
            workdir: c(spec.workdir.as_os_str().as_bytes())?,
        })
    }
}

/// What the program applies to itself between fork and exec.
struct Filters<'a> {
    landlock: Option<super::filter::Landlock>,
    seccomp: Option<&'a super::filter::Seccomp>,
    cgroup_fds: &'a [File],
}

fn exec_program(spec: &RunSpec, p: &Prepared, uid: Option<u32>, errfd: i32, filters: Filters<'_>) -> ! {
    let die = |errno: i32| -> ! {
        unsafe {
            let mut msg = [0u8; 5];
            msg[0] = b'E';
            msg[1..].copy_from_slice(&errno.to_ne_bytes());
            libc::write(errfd, msg.as_ptr().cast(), 5);
            libc::_exit(127);
        }
    };
    let last = || std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO);
    unsafe {
        let empty: libc::sigset_t = std::mem::zeroed();
        libc::sigprocmask(libc::SIG_SETMASK, &empty, std::ptr::null_mut());
        for sig in 1..32 {
            if sig != libc::SIGKILL && sig != libc::SIGSTOP {
                libc::signal(sig, libc::SIG_DFL);
            }
        }
        libc::setpgid(0, 0);
        if spec.result_channel
            && libc::dup2(CHANNEL_IN_FD, CHANNEL_FD) == -1 {
                die(last());
            }
        for f in filters.cgroup_fds {
            if libc::write(std::os::fd::AsRawFd::as_raw_fd(f), b"0".as_ptr().cast(), 1) != 1 {
                die(last());
            }
        }
        // Every other descriptor closes at exec (the status pipe and the
        // Landlock ruleset are still needed until then).
        let keep_from = if spec.result_channel { CHANNEL_FD + 1 } else { CHANNEL_FD };
        const CLOSE_RANGE_CLOEXEC: libc::c_uint = 1 << 2;
        if libc::syscall(libc::SYS_close_range, keep_from as libc::c_uint, libc::c_uint::MAX, CLOSE_RANGE_CLOEXEC) != 0 {
            for fd in keep_from..1024 {
                libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
            }
        }
        if libc::chdir(p.workdir.as_ptr()) != 0 {
            die(last());
        }
        let set = |res: libc::__rlimit_resource_t, soft: u64, hard: u64| {
            let lim = libc::rlimit { rlim_cur: soft, rlim_max: hard };
            libc::setrlimit(res, &lim);
        };
        let cpu_s = spec.cpu_ms.div_ceil(1000) + 1;
        set(libc::RLIMIT_CPU, cpu_s, cpu_s + 1);
        set(libc::RLIMIT_CORE, 0, 0);
        set(libc::RLIMIT_FSIZE, spec.file_size_bytes, spec.file_size_bytes);
        set(libc::RLIMIT_NOFILE, spec.open_files, spec.open_files);
        match spec.memory_kib {
            Some(kib) => {
                let bytes = kib * 1024;
                set(libc::RLIMIT_STACK, bytes, bytes);
                if (!spec.cgroup_memory || spec.address_space_limit) && !spec.no_address_space_limit {
                    set(libc::RLIMIT_AS, bytes, bytes);
                }
            }
            None => set(libc::RLIMIT_STACK, libc::RLIM_INFINITY, libc::RLIM_INFINITY),
        }
        if uid.is_some() || !super::is_root() {
            // Under a dedicated uid (root) or in our own user namespace (not
            // root), the count is this run's processes only.
            set(libc::RLIMIT_NPROC, spec.processes, spec.processes);
        }
        if let Some(uid) = uid {
            if libc::setgroups(0, std::ptr::null()) != 0 || libc::setresgid(uid, uid, uid) != 0 || libc::setresuid(uid, uid, uid) != 0 {
                die(last());
            }
        }
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0);
        libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        let mut status = [b'-', b'-'];
        if let Some(l) = filters.landlock {
            status[0] = super::filter::landlock_apply(l);
        }
        if let Some(prog) = filters.seccomp {
            status[1] = if super::filter::seccomp_apply(prog) { b'1' } else { b'0' };
        }
        libc::write(errfd, status.as_ptr().cast(), 2);
        let mut argv: Vec<*const libc::c_char> = p.argv.iter().map(|a| a.as_ptr()).collect();
        argv.push(std::ptr::null());
        let mut envp: Vec<*const libc::c_char> = p.env.iter().map(|a| a.as_ptr()).collect();
        envp.push(std::ptr::null());
        libc::execve(p.program.as_ptr(), argv.as_ptr(), envp.as_ptr());
        die(last());
    }
}

fn cstr(p: &Path) -> Result<CString, String> {
    CString::new(p.as_os_str().as_bytes()).map_err(|_| format!("NUL in path {}", p.display()))
}

fn mount(src: Option<&Path>, target: &Path, fstype: Option<&str>, flags: libc::c_ulong, data: Option<&str>) -> Result<(), String> {
    let src_c = src.map(cstr).transpose()?;
    let target_c = cstr(target)?;
    let c = |s: &str| CString::new(s).map_err(|_| format!("NUL byte in mount argument {s:?}"));
    let fstype_c = fstype.map(c).transpose()?;
    let data_c = data.map(c).transpose()?;
    let rc = unsafe {
        libc::mount(
            src_c.as_ref().map_or(std::ptr::null(), |s| s.as_ptr()),
            target_c.as_ptr(),
            fstype_c.as_ref().map_or(std::ptr::null(), |s| s.as_ptr()),
            flags,
            data_c.as_ref().map_or(std::ptr::null(), |s| s.as_ptr().cast()),
        )
    };
    if rc != 0 {
        return Err(format!("mount on {}: {}", target.display(), std::io::Error::last_os_error()));
    }
    Ok(())
}

/// What covers a path in the program's view of the filesystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cover {
    /// A directory closed to the sandbox uid (`/root`): an empty root-owned tmpfs.
    Closed,
    /// `/tmp`, `/var/tmp`, `/dev/shm`: a private writable tmpfs for this run.
    Scratch,
    /// A hidden directory: an empty read-only tmpfs.
    HiddenDir,
    /// A hidden file: `/dev/null` bound over it, read-only.
    HiddenFile,
}

/// Directories every run gets privately, so nothing written there outlives
/// the run or is seen by the next case.
const SCRATCH_DIRS: &[&str] = &["/tmp", "/var/tmp", "/dev/shm"];

/// The program's view of the filesystem, built in the new mount namespace:
/// private propagation; a `/proc` for the new PID namespace; a private tmpfs on
/// `/tmp`, `/var/tmp` and `/dev/shm`; the `hidden` paths covered; and every
/// directory closed to the sandbox uid above a needed path (`/root`, mode 700,
/// above pyenv) covered by an empty tmpfs. The paths the program needs (work
/// directory, driver files, interpreter prefixes) are cloned first with
/// `open_tree(OPEN_TREE_CLONE)` and attached back in place with `move_mount`.
/// Every mount inherited from the host is made `noatime` first (reading a
/// shared file would otherwise update its access time, which the next run can
/// `stat`); when that fails it is added to `missing`.
/// Returns the layers applied.
///
/// Only making `/` private is required (else mounts would reach the host): it
/// is the only error. Every other mount that fails (a hidden file on 9p, NFS
/// or FUSE in a user namespace) is pushed onto `missing` with its reason, and
/// the run goes on with what holds.
fn setup_mounts(spec: &RunSpec, proc_mounted: &mut bool, missing: &mut Vec<String>) -> Result<Vec<String>, String> {
    let mut layers = Vec::new();
    mount(None, Path::new("/"), None, libc::MS_REC | libc::MS_PRIVATE, None)?;
    match set_noatime_recursive(Path::new("/")) {
        Ok(()) => layers.push("noatime".to_string()),
        Err(e) => missing.push(format!("noatime: {e}")),
    }
    *proc_mounted = mount(Some(Path::new("proc")), Path::new("/proc"), Some("proc"), libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC, None).is_ok();
    let uid = spec.uid.filter(|_| super::is_root());

    let mut needed: Vec<PathBuf> = spec.reachable.iter().chain(&spec.readable).cloned().collect();
    needed.push(spec.workdir.clone());
    if let Some(parent) = spec.program.parent() {
        needed.push(parent.to_path_buf());
    }
    needed.retain(|p| p.is_absolute() && p.exists());
    needed.sort_by_key(|p| p.as_os_str().len());
    needed.dedup();
    let mut top: Vec<PathBuf> = Vec::new();
    for p in needed {
        if !top.iter().any(|t| p.starts_with(t)) {
            top.push(p);
        }
    }

    let mut covers: Vec<(PathBuf, Cover)> = Vec::new();
    for d in SCRATCH_DIRS {
        if Path::new(d).is_dir() {
            covers.push((PathBuf::from(d), Cover::Scratch));
        }
    }
    for h in &spec.hidden {
        if SCRATCH_DIRS.iter().any(|d| h == Path::new(d)) {
            continue; // already replaced by an empty private tmpfs
        }
        if h.is_dir() {
            // Above a needed path it must stay writable by root, to attach the path back.
            let kind = if top.iter().any(|t| t.starts_with(h)) { Cover::Closed } else { Cover::HiddenDir };
            covers.push((h.clone(), kind));
        } else if h.exists() {
            covers.push((h.clone(), Cover::HiddenFile));
        }
    }
    if let Some(uid) = uid {
        for p in &top {
            if let Some(closed) = closed_ancestor(p, uid) {
                if !covers.iter().any(|(c, _)| *c == closed) {
                    covers.push((closed, Cover::Closed));
                }
            }
        }
    }
    covers.sort_by_key(|(p, _)| p.as_os_str().len());

    // Clone every needed tree that a cover would hide; a tree that cannot be
    // cloned keeps its covers off (it must stay reachable).
    let mut clones: Vec<(PathBuf, std::os::fd::OwnedFd, bool)> = Vec::new();
    for p in &top {
        if covers.iter().any(|(c, kind)| p.starts_with(c) && *kind != Cover::HiddenFile) {
            match open_tree_clone(p) {
                Ok(fd) => clones.push((p.clone(), fd, p.is_dir())),
                Err(e) => covers.retain(|(c, kind)| {
                    let keep = !(p.starts_with(c) && *kind != Cover::HiddenFile);
                    if !keep {
                        missing.push(format!("{}: {} not covered: {e}", cover_layer(*kind), c.display()));
                    }
                    keep
                }),
            }
        }
    }
    let mut failed: Vec<Cover> = Vec::new();
    let apply = |path: &Path, kind: Cover| -> Result<(), String> {
        match kind {
            Cover::Closed => mount(Some(Path::new("tmpfs")), path, Some("tmpfs"), libc::MS_NOSUID | libc::MS_NODEV, Some("mode=0755,size=1m")),
            Cover::Scratch => {
                let size = format!("mode=1777,size={}", spec.file_size_bytes.max(1 << 20));
                mount(Some(Path::new("tmpfs")), path, Some("tmpfs"), libc::MS_NOSUID | libc::MS_NODEV, Some(&size))
            }
            Cover::HiddenDir => mount(
                Some(Path::new("tmpfs")),
                path,
                Some("tmpfs"),
                libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC | libc::MS_RDONLY,
                Some("mode=0755,size=4k"),
            ),
            Cover::HiddenFile => {
                mount(Some(Path::new("/dev/null")), path, None, libc::MS_BIND, None)?;
                mount(None, path, None, libc::MS_BIND | libc::MS_REMOUNT | libc::MS_RDONLY, None)
            }
        }
    };
    let cover = |path: &Path, kind: Cover, failed: &mut Vec<Cover>, missing: &mut Vec<String>| {
        if let Err(e) = apply(path, kind) {
            failed.push(kind);
            missing.push(format!("{}: cannot cover {}: {e}", cover_layer(kind), path.display()));
        }
    };
    for (path, kind) in &covers {
        // A cover inside an earlier one is gone already; hidden paths inside a
        // needed tree are covered again after it is attached (below).
        if path.exists() {
            cover(path, *kind, &mut failed, missing);
        }
    }
    for (path, fd, is_dir) in clones {
        let placed = if is_dir {
            std::fs::create_dir_all(&path).map_err(|e| format!("{}: {e}", path.display()))
        } else {
            path.parent()
                .map_or(Ok(()), |parent| std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display())))
                .and_then(|_| if path.exists() { Ok(()) } else { std::fs::write(&path, b"").map_err(|e| format!("{}: {e}", path.display())) })
        };
        if let Err(e) = placed.and_then(|_| move_mount_fd(&fd, &path)) {
            missing.push(format!("mounts: cannot attach {} again: {e}", path.display()));
        }
    }
    for (path, kind) in &covers {
        if matches!(kind, Cover::HiddenDir | Cover::HiddenFile) && top.iter().any(|t| path.starts_with(t)) && path.exists() {
            cover(path, *kind, &mut failed, missing);
        }
    }
    if spec.private_workdir {
        let (u, g) = match uid {
            Some(u) => (u, u),
            None => (unsafe { libc::geteuid() }, unsafe { libc::getegid() }),
        };
        let opts = format!("mode=0700,uid={u},gid={g},size={}", spec.file_size_bytes.max(1 << 20));
        match mount(Some(Path::new("tmpfs")), &spec.workdir, Some("tmpfs"), libc::MS_NOSUID | libc::MS_NODEV, Some(&opts)) {
            Ok(()) => layers.push("private-workdir".to_string()),
            Err(e) => missing.push(format!("private-workdir: {e}")),
        }
    }
    if !failed.contains(&Cover::Scratch) {
        layers.push("private-tmp".to_string());
    }
    if !spec.hidden.is_empty() && !failed.iter().any(|k| matches!(k, Cover::HiddenDir | Cover::HiddenFile)) {
        layers.push("hidden-paths".to_string());
    }
    if covers.iter().any(|(_, k)| *k == Cover::Closed) && !failed.contains(&Cover::Closed) {
        layers.push("interpreter-bind-mount".to_string());
    }
    Ok(layers)
}

/// Open a directory (`O_NOFOLLOW`: not through a symlink in its last
/// component), close-on-exec, on a descriptor number of at least 10.
fn open_dir(path: &Path) -> Result<std::os::fd::OwnedFd, String> {
    let c = cstr(path)?;
    let fd = unsafe { libc::open(c.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC) };
    if fd < 0 {
        return Err(format!("{}: {}", path.display(), std::io::Error::last_os_error()));
    }
    // Kept above the low numbers init closes and reuses (0–5).
    let high = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 10) };
    let err = std::io::Error::last_os_error();
    unsafe { libc::close(fd) };
    if high < 0 {
        return Err(format!("{}: {err}", path.display()));
    }
    // SAFETY: a fresh descriptor returned by the kernel.
    Ok(unsafe { <std::os::fd::OwnedFd as FromRawFd>::from_raw_fd(high) })
}

/// `openat(dir, name, flags, mode)` as a `File`.
fn open_at(dir: &std::os::fd::OwnedFd, name: &CString, flags: i32, mode: libc::c_uint) -> std::io::Result<File> {
    let fd = unsafe { libc::openat(std::os::fd::AsRawFd::as_raw_fd(dir), name.as_ptr(), flags | libc::O_CLOEXEC, mode) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: a fresh descriptor returned by the kernel.
    Ok(unsafe { File::from_raw_fd(fd) })
}

/// The regular files directly in the judge's directory `dir` (symlinks and
/// anything else skipped), at most [`SEED_MAX_BYTES`] in all.
fn read_seed(dir: &Path) -> Result<Vec<(CString, Vec<u8>)>, String> {
    let dfd = open_dir(dir)?;
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    let mut total = 0u64;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let name = CString::new(entry.file_name().as_bytes()).map_err(|_| "NUL in a file name".to_string())?;
        let Ok(f) = open_at(&dfd, &name, libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY, 0) else { continue };
        let meta = f.metadata().map_err(|e| format!("{}: {e}", entry.path().display()))?;
        if !meta.file_type().is_file() {
            continue;
        }
        total += meta.len();
        if total > SEED_MAX_BYTES {
            return Err(format!("{} holds more than {} MiB", dir.display(), SEED_MAX_BYTES >> 20));
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        f.take(SEED_MAX_BYTES).read_to_end(&mut bytes).map_err(|e| format!("{}: {e}", entry.path().display()))?;
        files.push((name, bytes));
    }
    Ok(files)
}

/// Create `name` (mode 0644, `O_EXCL`) in the work directory with `bytes`,
/// owned by `owner` when given.
fn write_seed(workdir: &std::os::fd::OwnedFd, name: &CString, bytes: &[u8], owner: Option<u32>) -> Result<(), String> {
    let what = |e: std::io::Error| format!("{}: {e}", name.to_string_lossy());
    let mut f = open_at(workdir, name, libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | libc::O_NOFOLLOW, 0o644).map_err(what)?;
    f.write_all(bytes).map_err(what)?;
    if let Some(u) = owner {
        if unsafe { libc::fchown(std::os::fd::AsRawFd::as_raw_fd(&f), u, u) } != 0 {
            return Err(what(std::io::Error::last_os_error()));
        }
    }
    Ok(())
}

/// Copy `c.name` from the work directory into `into` once: only a regular
/// file (opened `O_NOFOLLOW | O_NONBLOCK`) of at most `c.max_bytes`, created
/// there with `O_EXCL`, mode 0755.
fn collect_file(workdir: &std::os::fd::OwnedFd, into: &std::os::fd::OwnedFd, c: &Collect) -> Collected {
    if c.name.is_empty() || c.name.contains('/') || c.name == "." || c.name == ".." {
        return Collected::Failed(format!("bad file name {:?}", c.name));
    }
    let Ok(name) = CString::new(c.name.as_bytes()) else {
        return Collected::Failed(format!("bad file name {:?}", c.name));
    };
    let src = match open_at(workdir, &name, libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY, 0) {
        Ok(f) => f,
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => return Collected::Missing,
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Collected::NotRegular,
        Err(e) => return Collected::Failed(format!("cannot open {}: {e}", c.name)),
    };
    let meta = match src.metadata() {
        Ok(m) => m,
        Err(e) => return Collected::Failed(format!("cannot stat {}: {e}", c.name)),
    };
    if !meta.file_type().is_file() {
        return Collected::NotRegular;
    }
    if meta.len() > c.max_bytes {
        return Collected::TooLarge(meta.len());
    }
    let mut dst = match open_at(into, &name, libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | libc::O_NOFOLLOW, 0o755) {
        Ok(f) => f,
        Err(e) => return Collected::Failed(format!("cannot create {} in {}: {e}", c.name, c.into.display())),
    };
    let remove = || unsafe { libc::unlinkat(std::os::fd::AsRawFd::as_raw_fd(into), name.as_ptr(), 0) };
    let copied = std::io::copy(&mut src.take(c.max_bytes + 1), &mut dst)
        .and_then(|n| dst.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o755)).map(|_| n));
    match copied {
        Ok(n) if n > c.max_bytes => {
            remove();
            Collected::TooLarge(n)
        }
        Ok(n) => Collected::Copied(n),
        Err(e) => {
            remove();
            Collected::Failed(format!("cannot copy {}: {e}", c.name))
        }
    }
}

/// `struct mount_attr` of `mount_setattr(2)`.
#[repr(C)]
struct MountAttr {
    attr_set: u64,
    attr_clr: u64,
    propagation: u64,
    userns_fd: u64,
}

const MOUNT_ATTR_NOATIME: u64 = 0x10;
const MOUNT_ATTR_ATIME_MASK: u64 = 0x70;

/// Make every mount at and below `path` `noatime` (`mount_setattr(2)`, Linux
/// 5.12; fails with `EPERM` where the atime flags are locked, as in a user
/// namespace).
fn set_noatime_recursive(path: &Path) -> Result<(), String> {
    let c = cstr(path)?;
    let attr = MountAttr { attr_set: MOUNT_ATTR_NOATIME, attr_clr: MOUNT_ATTR_ATIME_MASK, propagation: 0, userns_fd: 0 };
    let rc = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            libc::AT_FDCWD,
            c.as_ptr(),
            AT_RECURSIVE,
            &attr as *const MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    if rc != 0 {
        return Err(format!("mount_setattr on {}: {}", path.display(), std::io::Error::last_os_error()));
    }
    Ok(())
}

/// The layer a cover belongs to, for reports of one that failed.
fn cover_layer(kind: Cover) -> &'static str {
    match kind {
        Cover::Closed => "closed-dirs",
        Cover::Scratch => "private-tmp",
        Cover::HiddenDir | Cover::HiddenFile => "hidden-paths",
    }
}

const OPEN_TREE_CLONE: libc::c_uint = 1;
const AT_RECURSIVE: libc::c_uint = 0x8000;
const MOVE_MOUNT_F_EMPTY_PATH: libc::c_uint = 0x4;

/// A detached recursive copy of the mount tree at `path` (`open_tree(2)`).
fn open_tree_clone(path: &Path) -> Result<std::os::fd::OwnedFd, String> {
    let c = cstr(path)?;
    let flags = OPEN_TREE_CLONE | libc::O_CLOEXEC as libc::c_uint | AT_RECURSIVE;
    let fd = unsafe { libc::syscall(libc::SYS_open_tree, libc::AT_FDCWD, c.as_ptr(), flags) };
    if fd < 0 {
        return Err(format!("open_tree {}: {}", path.display(), std::io::Error::last_os_error()));
    }
    // SAFETY: a fresh descriptor returned by the kernel.
    Ok(unsafe { <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd as i32) })
}

/// Attach a detached tree at `target` (`move_mount(2)`).
fn move_mount_fd(fd: &std::os::fd::OwnedFd, target: &Path) -> Result<(), String> {
    let t = cstr(target)?;
    let rc = unsafe {
        libc::syscall(
            libc::SYS_move_mount,
            std::os::fd::AsRawFd::as_raw_fd(fd),
            c"".as_ptr(),
            libc::AT_FDCWD,
            t.as_ptr(),
            MOVE_MOUNT_F_EMPTY_PATH,
        )
    };
    if rc != 0 {
        return Err(format!("move_mount {}: {}", target.display(), std::io::Error::last_os_error()));
    }
    Ok(())
}

/// The topmost ancestor of `path` (or `path` itself) that `uid` cannot enter.
fn closed_ancestor(path: &Path, uid: u32) -> Option<PathBuf> {
    let mut current = PathBuf::new();
    for comp in path.components() {
        current.push(comp);
        let Ok(meta) = std::fs::metadata(&current) else { return None };
        let mode = meta.mode();
        let can_enter = if meta.uid() == uid { mode & 0o100 != 0 } else { mode & 0o001 != 0 };
        if !can_enter {
            return Some(current);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(name: &str, into: &Path, max_bytes: u64) -> Collect {
        Collect { name: name.into(), into: into.to_path_buf(), max_bytes }
    }

    #[test]
    fn only_a_regular_file_within_the_cap_is_collected_once() {
        let work = tempfile::tempdir().unwrap();
        let into = tempfile::tempdir().unwrap();
        let (w, i) = (open_dir(work.path()).unwrap(), open_dir(into.path()).unwrap());
        assert_eq!(collect_file(&w, &i, &collect("solution", into.path(), 100)), Collected::Missing);
        std::fs::write(work.path().join("solution"), b"binary").unwrap();
        assert_eq!(collect_file(&w, &i, &collect("solution", into.path(), 100)), Collected::Copied(6));
        let meta = std::fs::metadata(into.path().join("solution")).unwrap();
        assert_eq!(meta.mode() & 0o777, 0o755);
        assert_eq!(std::fs::read(into.path().join("solution")).unwrap(), b"binary");
        // Never over an existing file.
        assert!(matches!(collect_file(&w, &i, &collect("solution", into.path(), 100)), Collected::Failed(_)));
        // A symlink (to a secret) and a FIFO are refused; so is a file over the cap.
        std::fs::write(work.path().join("secret"), b"secret").unwrap();
        std::os::unix::fs::symlink(work.path().join("secret"), work.path().join("link")).unwrap();
        assert_eq!(collect_file(&w, &i, &collect("link", into.path(), 100)), Collected::NotRegular);
        let fifo = CString::new(work.path().join("fifo").into_os_string().into_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert_eq!(collect_file(&w, &i, &collect("fifo", into.path(), 100)), Collected::NotRegular);
        assert_eq!(collect_file(&w, &i, &collect("secret", into.path(), 3)), Collected::TooLarge(6));
        assert!(!into.path().join("secret").exists());
        assert!(matches!(collect_file(&w, &i, &collect("../x", into.path(), 100)), Collected::Failed(_)));
    }

    #[test]
    fn seeds_are_the_regular_files_only() {
        let src = tempfile::tempdir().unwrap();
        std::fs::write(src.path().join("solution.cpp"), b"int main(){}").unwrap();
        std::os::unix::fs::symlink("/etc/passwd", src.path().join("link")).unwrap();
        std::fs::create_dir(src.path().join("sub")).unwrap();
        let seed = read_seed(src.path()).unwrap();
        assert_eq!(seed.len(), 1);
        assert_eq!(seed[0].0.to_str().unwrap(), "solution.cpp");
        let work = tempfile::tempdir().unwrap();
        let w = open_dir(work.path()).unwrap();
        write_seed(&w, &seed[0].0, &seed[0].1, None).unwrap();
        assert_eq!(std::fs::read(work.path().join("solution.cpp")).unwrap(), b"int main(){}");
        // Never through something already there.
        assert!(write_seed(&w, &seed[0].0, &seed[0].1, None).is_err());
    }
}
