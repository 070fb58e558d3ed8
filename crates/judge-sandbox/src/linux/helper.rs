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
    let spec = match spec {
        Ok(s) => s,
        Err(e) => fail(&format!("bad run spec: {e}"), Vec::new(), Vec::new()),
    };
    let mut enforced = vec!["rlimits".to_string()];
    let mut missing = Vec::new();

    for procs in &spec.cgroup_procs {
        if let Err(e) = std::fs::write(procs, std::process::id().to_string()) {
            fail(&format!("cannot join cgroup {}: {e}", procs.display()), enforced, missing);
        }
    }
    if spec.cgroup_memory {
        enforced.push("cgroup-memory".into());
    }
    if spec.cgroup_procs.iter().any(|p| p.to_string_lossy().contains("/pids/")) {
        enforced.push("cgroup-pids".into());
    }

    let root = super::is_root();
    let mut flags = libc::CLONE_NEWPID | libc::CLONE_NEWNS | libc::CLONE_NEWIPC;
    if !root {
        flags |= libc::CLONE_NEWUSER;
    }
    let (uid, gid) = (unsafe { libc::geteuid() }, unsafe { libc::getegid() });
    // SAFETY: plain syscall in a single-threaded process.
    let namespaces = unsafe { libc::unshare(flags) } == 0;
    if namespaces {
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
    } else {
        let e = std::io::Error::last_os_error();
        missing.push(format!("namespaces: unshare failed ({e}); process-group kill only"));
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
        if let Err(e) = setup_mounts(&spec, &mut proc_mounted) {
            fail(&format!("mount setup failed: {e}"), enforced, missing);
        }
        if spec.uid.is_some() && !spec.reachable.is_empty() {
            enforced.push("interpreter-bind-mount".into());
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
        exec_program(&spec, &prepared, drop_to, errpipe[1]);
    }
    unsafe {
        libc::close(errpipe[1]);
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
        for fd in [0, 1, 2] {
            libc::dup2(null, fd);
        }
        libc::close(CHANNEL_IN_FD);
    }
    let mut errno_buf = [0u8; 4];
    let n = unsafe { libc::read(errpipe[0], errno_buf.as_mut_ptr().cast(), 4) };
    if n == 4 {
        let errno = i32::from_ne_bytes(errno_buf);
        kill_all(pidns, child);
        let e = std::io::Error::from_raw_os_error(errno);
        fail(&format!("cannot execute {}: {e}", spec.program.display()), enforced, missing);
    }

    let wall_limit = Duration::from_millis(spec.wall_ms);
    let cpu_limit_ticks = spec.cpu_ms;
    let stat_path = format!("/proc/{child}/stat");
    let can_poll_cpu = !pidns || proc_mounted;
    let (mut killed_for_cpu, mut killed_for_wall) = (false, false);
    let mut result: Option<(i32, libc::rusage)> = None;
    let tick = libc::timespec { tv_sec: 0, tv_nsec: 5_000_000 };
    loop {
        unsafe { libc::sigtimedwait(&set, std::ptr::null_mut(), &tick) };
        reap(child, &mut result);
        if result.is_some() {
            break;
        }
        if start.elapsed() > wall_limit {
            killed_for_wall = true;
        } else if can_poll_cpu && cpu_ms_of(&stat_path).is_some_and(|ms| ms > cpu_limit_ticks) {
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
    if !can_poll_cpu {
        missing.push("cpu-watchdog: /proc not mounted for the namespace; RLIMIT_CPU only".into());
    }
    let report = HelperReport {
        termination: Some(termination),
        cpu_ms: tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime),
        wall_ms,
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

fn exec_program(spec: &RunSpec, p: &Prepared, uid: Option<u32>, errfd: i32) -> ! {
    let die = |errno: i32| -> ! {
        unsafe {
            libc::write(errfd, errno.to_ne_bytes().as_ptr().cast(), 4);
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
        // Close every other descriptor except the exec-error pipe (close-on-exec).
        let keep_from = if spec.result_channel { CHANNEL_FD + 1 } else { CHANNEL_FD };
        for fd in keep_from..1024 {
            if fd != errfd {
                libc::close(fd);
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
        if let Some(uid) = uid {
            set(libc::RLIMIT_NPROC, spec.processes, spec.processes);
            if libc::setgroups(0, std::ptr::null()) != 0 || libc::setresgid(uid, uid, uid) != 0 || libc::setresuid(uid, uid, uid) != 0 {
                die(last());
            }
        }
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0);
        libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
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
    let fstype_c = fstype.map(|s| CString::new(s).unwrap());
    let data_c = data.map(|s| CString::new(s).unwrap());
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

/// Private propagation, a /proc for the new PID namespace, and the
/// interpreter prefixes made reachable: for each directory closed to the
/// sandbox uid above a path the program needs (`/root`, mode 700), the needed
/// paths are bind-mounted aside, a tmpfs is mounted over the closed directory
/// (which also hides the rest of it) and the paths are moved back in place.
fn setup_mounts(spec: &RunSpec, proc_mounted: &mut bool) -> Result<(), String> {
    mount(None, Path::new("/"), None, libc::MS_REC | libc::MS_PRIVATE, None)?;
    *proc_mounted = mount(Some(Path::new("proc")), Path::new("/proc"), Some("proc"), libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC, None).is_ok();
    let Some(uid) = spec.uid.filter(|_| super::is_root()) else { return Ok(()) };
    let mut needed: Vec<PathBuf> = spec.reachable.clone();
    needed.push(spec.workdir.clone());
    if let Some(parent) = spec.program.parent() {
        needed.push(parent.to_path_buf());
    }
    // Closed ancestor → the needed paths under it.
    let mut groups: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
    for path in needed {
        if let Some(closed) = closed_ancestor(&path, uid) {
            match groups.iter_mut().find(|(c, _)| *c == closed) {
                Some((_, v)) => v.push(path),
                None => groups.push((closed, vec![path])),
            }
        }
    }
    if groups.is_empty() {
        return Ok(());
    }
    let scratch = spec.scratch.as_ref().ok_or("a closed directory must be bridged but no scratch directory was given")?;
    for (gi, (closed, paths)) in groups.iter().enumerate() {
        let mut staged = Vec::new();
        for (pi, path) in paths.iter().enumerate() {
            if !path.exists() {
                continue;
            }
            let stage = scratch.join(format!("{gi}-{pi}"));
            std::fs::create_dir_all(&stage).map_err(|e| format!("{}: {e}", stage.display()))?;
            mount(Some(path), &stage, None, libc::MS_BIND | libc::MS_REC, None)?;
            staged.push((stage, path.clone()));
        }
        mount(Some(Path::new("tmpfs")), closed, Some("tmpfs"), libc::MS_NOSUID | libc::MS_NODEV, Some("mode=0755,size=1m"))?;
        for (stage, path) in staged {
            std::fs::create_dir_all(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            mount(Some(&stage), &path, None, libc::MS_MOVE, None)?;
        }
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
