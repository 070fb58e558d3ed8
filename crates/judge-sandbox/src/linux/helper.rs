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

use crate::spec::{HelperReport, RunSpec};
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

    if spec.cgroup_memory {
        enforced.push("cgroup-memory".into());
    }
    for (name, label) in [("/pids/", "cgroup-pids"), ("/cpuacct/", "cgroup-cpuacct")] {
        if spec.cgroup_procs.iter().any(|p| p.to_string_lossy().contains(name)) {
            enforced.push(label.into());
        }
    }

    let root = super::is_root();
    let mut flags = libc::CLONE_NEWPID | libc::CLONE_NEWNS | libc::CLONE_NEWIPC;
    if spec.layers.network {
        flags |= libc::CLONE_NEWNET;
    }
    if !root {
        flags |= libc::CLONE_NEWUSER;
    }
    let (uid, gid) = (unsafe { libc::geteuid() }, unsafe { libc::getegid() });
    // SAFETY: plain syscall in a single-threaded process.
    let namespaces = spec.layers.namespaces && unsafe { libc::unshare(flags) } == 0;
    if !spec.layers.namespaces {
        missing.push("namespaces: turned off for this run".into());
    } else if namespaces {
        if !root {
            let _ = std::fs::write("/proc/self/setgroups", "deny");
            let ok = std::fs::write("/proc/self/uid_map", format!("{uid} {uid} 1"))
                .and_then(|_| std::fs::write("/proc/self/gid_map", format!("{gid} {gid} 1")));
            if let Err(e) = ok {
                fail(&format!("cannot write the user namespace maps: {e}"), enforced, missing);
            }
            enforced.push("user-namespace".into());
        }
        enforced.extend(["pid-namespace".into(), "mount-namespace".into(), "ipc-namespace".into()]);
        if spec.layers.network {
            enforced.push("network-namespace".into());
        }
    } else {
        let e = std::io::Error::last_os_error();
        missing.push(format!("namespaces: unshare failed ({e}); process-group kill only"));
    }

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

fn init(spec: RunSpec, pidns: bool, outer: i32, mut enforced: Vec<String>, mut missing: Vec<String>) -> ! {
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0);
        // Inside a new PID namespace the parent lies outside it and reads as 0.
        let parent = libc::getppid();
        if parent != outer && !(pidns && parent == 0) {
            libc::_exit(1);
        }
    }
    let mut proc_mounted = false;
    if pidns {
        match setup_mounts(&spec, &mut proc_mounted) {
            Ok(done) => enforced.extend(done),
            Err(e) => fail(&format!("mount setup failed: {e}"), enforced, missing),
        }
    } else if !spec.hidden.is_empty() {
        missing.push("hidden-paths: no mount namespace".into());
    }
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
            Err(e) => fail(&format!("cannot open {}: {e}", procs.display()), enforced, missing),
        }
    }
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
    let cpuacct_usage = spec.cgroup_cpuacct.as_ref().map(|d| d.join("cpuacct.usage"));
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
    };
    write_report(&report);
    unsafe { libc::_exit(0) }
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

/// CPU time of the run so far, ms: the cpuacct group (every process of the
/// run), else the main process from `/proc/PID/stat`.
fn run_cpu_ms(cpuacct_usage: Option<&Path>, stat_path: &str, ns_wide: bool) -> Option<u64> {
    if let Some(p) = cpuacct_usage {
        if let Some(ns) = std::fs::read_to_string(p).ok().and_then(|s| s.trim().parse::<u64>().ok()) {
            return Some(ns / 1_000_000);
        }
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
                if !spec.cgroup_memory || spec.address_space_limit {
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
/// Returns the layers applied.
fn setup_mounts(spec: &RunSpec, proc_mounted: &mut bool) -> Result<Vec<String>, String> {
    let mut layers = Vec::new();
    mount(None, Path::new("/"), None, libc::MS_REC | libc::MS_PRIVATE, None)?;
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

    // Clone every needed tree that a cover would hide.
    let mut clones: Vec<(PathBuf, std::os::fd::OwnedFd, bool)> = Vec::new();
    for p in &top {
        if covers.iter().any(|(c, kind)| p.starts_with(c) && *kind != Cover::HiddenFile) {
            let fd = open_tree_clone(p)?;
            clones.push((p.clone(), fd, p.is_dir()));
        }
    }
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
    for (path, kind) in &covers {
        // A cover inside an earlier one is gone already; hidden paths inside a
        // needed tree are covered again after it is attached (below).
        if path.exists() {
            apply(path, *kind)?;
        }
    }
    for (path, fd, is_dir) in clones {
        if is_dir {
            std::fs::create_dir_all(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        } else {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            std::fs::write(&path, b"").map_err(|e| format!("{}: {e}", path.display()))?;
        }
        move_mount_fd(&fd, &path)?;
    }
    for (path, kind) in &covers {
        if matches!(kind, Cover::HiddenDir | Cover::HiddenFile) && top.iter().any(|t| path.starts_with(t)) && path.exists() {
            apply(path, *kind)?;
        }
    }
    if spec.private_workdir {
        let (u, g) = match uid {
            Some(u) => (u, u),
            None => (unsafe { libc::geteuid() }, unsafe { libc::getegid() }),
        };
        let opts = format!("mode=0700,uid={u},gid={g},size={}", spec.file_size_bytes.max(1 << 20));
        mount(Some(Path::new("tmpfs")), &spec.workdir, Some("tmpfs"), libc::MS_NOSUID | libc::MS_NODEV, Some(&opts))?;
        layers.push("private-workdir".to_string());
    }
    layers.push("private-tmp".to_string());
    if !spec.hidden.is_empty() {
        layers.push("hidden-paths".to_string());
    }
    if covers.iter().any(|(_, k)| *k == Cover::Closed) {
        layers.push("interpreter-bind-mount".to_string());
    }
    Ok(layers)
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
