//! The judge side of a run: spawn the helper, feed it the spec, drain the
//! program's pipes with `poll(2)`, enforce the output limit, collect the
//! helper's report and the cgroup counters.

use super::cgroup::{CgroupSupport, RunCgroup};
use crate::spec::{HelperReport, RunSpec, StdinSource};
use judge_core::{Measurement, SandboxReport};
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Errors of the sandbox itself (never the program's fault): the run is IE.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The helper could not be started.
    #[error("cannot start the sandbox helper {path}: {source}")]
    Spawn { path: PathBuf, source: std::io::Error },
    /// An OS call on the judge side failed.
    #[error("sandbox I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The helper reported that it could not run the program.
    #[error("sandbox failed: {0}")]
    Helper(String),
    /// A cgroup could not be prepared.
    #[error("cgroup setup failed: {0}")]
    Cgroup(String),
    /// The run was cancelled ([`crate::CancelToken`]): no verdict.
    #[error("cancelled")]
    Cancelled,
}

/// A captured output stream: its first bytes and its full length.
#[derive(Debug, Clone, Default)]
pub struct Captured {
    /// The first `capture_bytes` bytes.
    pub data: Vec<u8>,
    /// Total bytes written (counted until the stream was closed).
    pub total: u64,
}

impl Captured {
    /// Lossy UTF-8 of the kept bytes.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }

    /// Whether bytes were dropped past the capture cap.
    pub fn truncated(&self) -> bool {
        self.total > self.data.len() as u64
    }
}

/// Most bytes of stderr kept for the report, whatever the capture size.
pub(super) const STDERR_CAPTURE_MAX: usize = 1 << 20;

/// Everything known about a finished run.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Measured usage, ready for [`judge_core::classify`].
    pub measurement: Measurement,
    /// The program's stdout.
    pub stdout: Captured,
    /// The program's stderr.
    pub stderr: Captured,
    /// Bytes received on the result channel (if one was opened).
    pub channel: Captured,
    /// Layers in force for this run.
    pub layers: SandboxReport,
    /// What became of [`RunSpec::collect`](crate::RunSpec::collect).
    pub collected: Option<crate::Collected>,
}

/// A configured sandbox: where the helper binary is and what the machine allows.
#[derive(Debug, Clone)]
pub struct Sandbox {
    helper: PathBuf,
    cgroups: CgroupSupport,
    uid: Option<u32>,
}

impl Sandbox {
    /// A sandbox that re-executes `helper` (normally `std::env::current_exe()`
    /// of the `judge` binary) with the hidden helper subcommand.
    ///
    /// Probes cgroup support once (`JUDGE_DISABLE_CGROUPS=1` skips cgroups and
    /// falls back to `RLIMIT_AS`, as on a machine without cgroup access). When
    /// the judge runs as root, programs run
    /// as the uid from `JUDGE_SANDBOX_UID`, else a dedicated uid derived from
    /// the judge's pid (1 000 000 000 + pid), so that concurrent judges never
    /// share a process count.
    pub fn new(helper: PathBuf) -> Sandbox {
        let disabled = std::env::var_os("JUDGE_DISABLE_CGROUPS").is_some_and(|v| !v.is_empty() && v != "0");
        Sandbox::with_cgroups(helper, !disabled)
    }

    /// Like [`Sandbox::new`], choosing whether cgroups may be used.
    pub fn with_cgroups(helper: PathBuf, use_cgroups: bool) -> Sandbox {
        let cgroups = if !use_cgroups {
            let why = if std::env::var_os("JUDGE_DISABLE_CGROUPS").is_some() {
                "cgroups: disabled by JUDGE_DISABLE_CGROUPS"
            } else {
                "cgroups: turned off for this sandbox"
            };
            CgroupSupport { why_not: vec![why.into()], tried: vec![why.into()], ..Default::default() }
        } else {
            // cgroup v1 as root, else cgroup v2 (a root subtree or a delegated one).
            CgroupSupport::detect()
        };
        tracing::debug!(?cgroups, "sandbox cgroup support");
        let uid = super::is_root().then(|| {
            std::env::var("JUDGE_SANDBOX_UID")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(1_000_000_000 + std::process::id() % 1_000_000)
        });
        Sandbox { helper, cgroups, uid }
    }

    /// Programs run as `uid` (only when the judge is root; otherwise the
    /// judge's own uid in a user namespace is used regardless).
    pub fn with_uid(mut self, uid: u32) -> Sandbox {
        if self.uid.is_some() {
            self.uid = Some(uid);
        }
        self
    }

    /// The uid programs run as (when the judge is root); work directories must
    /// be writable by it.
    pub fn uid(&self) -> Option<u32> {
        self.uid
    }

    /// The cgroup controllers in use.
    pub fn cgroups(&self) -> &CgroupSupport {
        &self.cgroups
    }

    /// Run `/bin/true` with every layer and report which layers held. Errors
    /// mean the sandbox cannot run anything: judging is impossible.
    pub fn probe(&self) -> Result<SandboxReport, SandboxError> {
        let work = tempfile::tempdir()?;
        if let Some(uid) = self.uid {
            std::os::unix::fs::chown(work.path(), Some(uid), Some(uid))?;
        }
        let program = ["/bin/true", "/usr/bin/true"].into_iter().map(PathBuf::from).find(|p| p.exists());
        let program = program.ok_or_else(|| SandboxError::Helper("no /bin/true to probe with".into()))?;
        let mut spec = RunSpec::new(&program, vec!["true".into()], work.path());
        spec.wall_ms = 10_000;
        spec.private_workdir = true;
        let hidden = tempfile::tempdir()?;
        spec.hidden = vec![hidden.path().to_path_buf()];
        crate::cleanup::register_dir(work.path());
        crate::cleanup::register_dir(hidden.path());
        let outcome = self.run(&spec);
        crate::cleanup::unregister_dir(work.path());
        crate::cleanup::unregister_dir(hidden.path());
        let outcome = outcome?;
        if outcome.measurement.termination != judge_core::Termination::Exited(0) {
            return Err(SandboxError::Helper(format!("the probe program ended with {:?}", outcome.measurement.termination)));
        }
        Ok(outcome.layers)
    }

    /// Run one program to completion. `spec.uid` is filled from this sandbox.
    ///
    /// Errors are the judge's own failures (IE); everything the program does,
    /// including failing to exist as an executable, is reported in the outcome
    /// or as [`SandboxError::Helper`].
    pub fn run(&self, spec: &RunSpec) -> Result<Outcome, SandboxError> {
        self.run_cancellable(spec, None)
    }

    /// [`Sandbox::run`] that ends at once, the whole process tree killed, when
    /// `cancel` is cancelled (then, or if it already was: [`SandboxError::Cancelled`]).
    pub fn run_cancellable(&self, spec: &RunSpec, cancel: Option<&crate::CancelToken>) -> Result<Outcome, SandboxError> {
        if cancel.is_some_and(|c| c.is_cancelled()) {
            return Err(SandboxError::Cancelled);
        }
        tracing::debug!(program = %spec.program.display(), argv = ?spec.argv, cpu_ms = spec.cpu_ms, wall_ms = spec.wall_ms, memory_kib = ?spec.memory_kib, "sandbox run");
        crate::cleanup::park_if_ending();
        let mut spec = spec.clone();
        spec.uid = self.uid;
        let cgroup = self.prepare_cgroup(&mut spec)?;
        let cgroup_dirs: Vec<PathBuf> = spec.cgroup_procs.iter().filter_map(|p| p.parent().map(Path::to_path_buf)).collect();
        crate::cleanup::register_cgroups(&cgroup_dirs);
        let result = self.run_inner(&spec, cancel);
        // A run killed because the judge is ending is no verdict.
        crate::cleanup::park_if_ending();
        let usage = cgroup.map(RunCgroup::finish);
        crate::cleanup::unregister_cgroups(&cgroup_dirs);
        let (mut outcome, report) = result?;
        if let Some(e) = report.error {
            return Err(SandboxError::Helper(e));
        }
        if let Some(u) = usage {
            // The kernel's peak where it keeps one, else the helper's polled memory.current.
            if let Some(peak) = u.peak_kib.or(report.cgroup_peak_kib) {
                outcome.measurement.memory_kib = peak.max(outcome.measurement.memory_kib);
            }
            outcome.measurement.oom_killed = u.oom_kills > 0;
            if let Some(cpu) = u.cpu_ms {
                outcome.measurement.cpu_ms = cpu.max(outcome.measurement.cpu_ms);
            }
        }
        outcome.layers.missing.extend(self.cgroups.why_not.iter().cloned());
        tracing::debug!(measurement = ?outcome.measurement, "sandbox outcome");
        Ok(outcome)
    }

    fn run_inner(&self, spec: &RunSpec, cancel: Option<&crate::CancelToken>) -> Result<(Outcome, HelperReport), SandboxError> {
        // stdin is a pipe the judge feeds (and closes at the end of the
        // input), so that reopening /dev/stdin works for the program too.
        let (stdin, mut feeder) = match &spec.stdin {
            StdinSource::Null => (Stdio::null(), None),
            StdinSource::File(p) => {
                let data = std::fs::read(p)?;
                let (in_r, in_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(std::io::Error::from)?;
                nix::fcntl::fcntl(in_w.as_fd(), nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::O_NONBLOCK))
                    .map_err(std::io::Error::from)?;
                (Stdio::from(in_r), Some(Feeder { fd: Some(File::from(in_w)), data, pos: 0 }))
            }
        };
        let stdin_w = feeder.as_ref().and_then(|f| f.fd.as_ref()).map(|f| f.as_fd());
        let Spawned { mut child, out_r, err_r, rep_r, chan_r } = self.spawn(spec, stdin, stdin_w)?;

        // The helper stops the run at its wall limit plus the time it waited
        // for a CPU (at most WAIT_ALLOWANCE_FACTOR × the limit more).
        let stretched = spec.wall_ms.saturating_mul(1 + judge_core::limits::WAIT_ALLOWANCE_FACTOR);
        let deadline = Instant::now() + Duration::from_millis(stretched) + Duration::from_secs(5);
        let mut streams = [
            Stream::new(out_r, spec.capture_bytes, spec.output_bytes),
            // stderr is not part of the answer: drained to the end, never cut.
            Stream::new(err_r, spec.capture_bytes.min(STDERR_CAPTURE_MAX), u64::MAX),
            Stream::new(rep_r, 1 << 20, u64::MAX),
        ];
        let mut channel = chan_r.map(|r| Stream::new(r, spec.channel_bytes, spec.channel_bytes as u64));
        let mut finished_at: Option<Instant> = None;
        let mut timed_out = false;
        let mut cancelled = false;
        loop {
            if cancel.is_some_and(|c| c.is_cancelled()) {
                cancelled = true;
                break;
            }
            let now = Instant::now();
            if streams[2].fd.is_none() && finished_at.is_none() {
                finished_at = Some(now);
            }
            let open = streams.iter().chain(channel.iter()).any(|s| s.fd.is_some());
            if !open {
                break;
            }
            // Once the helper has reported, leftovers get a short grace to flush.
            let limit = match finished_at {
                Some(t) => t + Duration::from_millis(200),
                None => deadline,
            };
            if now >= limit {
                if finished_at.is_none() {
                    timed_out = true;
                }
                break;
            }
            let wait = (limit - now).as_millis().min(if cancel.is_some() { 50 } else { 1000 }) as u16;
            let mut pfds = Vec::new();
            let mut idx = Vec::new();
            if let Some(fd) = cancel.and_then(|c| c.fd()) {
                pfds.push(PollFd::new(fd, PollFlags::POLLIN));
                idx.push(usize::MAX - 1);
            }
            for (i, s) in streams.iter().chain(channel.iter()).enumerate() {
                if let Some(fd) = &s.fd {
                    pfds.push(PollFd::new(fd.as_fd(), PollFlags::POLLIN));
                    idx.push(i);
                }
            }
            let feeding = feeder.as_ref().and_then(|f| f.fd.as_ref()).is_some() && finished_at.is_none();
            if let Some(fd) = feeder.as_ref().and_then(|f| f.fd.as_ref()).filter(|_| feeding) {
                pfds.push(PollFd::new(fd.as_fd(), PollFlags::POLLOUT));
                idx.push(usize::MAX);
            }
            match poll(&mut pfds, PollTimeout::from(wait)) {
                Ok(_) => {}
                Err(nix::errno::Errno::EINTR) => continue,
                Err(e) => return Err(std::io::Error::from(e).into()),
            }
            let ready: Vec<usize> = pfds
                .iter()
                .zip(&idx)
                .filter(|(p, _)| p.revents().is_some_and(|r| !r.is_empty()))
                .map(|(_, i)| *i)
                .collect();
            drop(pfds);
            for i in ready {
                if i == usize::MAX - 1 {
                    continue; // the cancel token: checked at the top of the loop
                }
                if i == usize::MAX {
                    if let Some(f) = feeder.as_mut() {
                        f.write_some();
                    }
                    continue;
                }
                match (i < 3, channel.as_mut()) {
                    (true, _) => streams[i].read_some(),
                    (false, Some(c)) => c.read_some(),
                    (false, None) => {}
                }
            }
        }
        if timed_out || cancelled {
            // The helper's init dies with it (PR_SET_PDEATHSIG) and, as PID 1
            // of the run's namespace, takes every process of the run down.
            let _ = child.kill();
        }
        let _ = child.wait();
        crate::cleanup::unregister_helper(child.id());
        if cancelled {
            return Err(SandboxError::Cancelled);
        }
        let [stdout, stderr, report] = streams;
        let report_text = String::from_utf8_lossy(&report.captured.data).into_owned();
        let report: HelperReport = match report_text.lines().find_map(|l| serde_json::from_str(l).ok()) {
            Some(r) => r,
            None if timed_out => return Err(SandboxError::Helper("the sandbox helper did not report in time".into())),
            None => return Err(SandboxError::Helper(format!("no report from the sandbox helper ({report_text:?})"))),
        };
        let Some(termination) = report.termination else {
            return Err(SandboxError::Helper(report.error.clone().unwrap_or_else(|| "no termination".into())));
        };
        let measurement = Measurement {
            termination,
            cpu_ms: report.cpu_ms,
            wall_ms: report.wall_ms,
            wait_ms: report.wait_ms,
            memory_kib: report.maxrss_kib,
            killed_for_cpu: report.killed_for_cpu,
            killed_for_wall: report.killed_for_wall,
            oom_killed: false,
            stdout_bytes: stdout.captured.total,
            stderr_bytes: stderr.captured.total,
        };
        let layers = SandboxReport { enforced: report.enforced.clone(), missing: report.missing.clone() };
        let outcome = Outcome {
            measurement,
            stdout: stdout.captured,
            stderr: stderr.captured,
            channel: channel.map(|c| c.captured).unwrap_or_default(),
            layers,
            collected: report.collected.clone(),
        };
        Ok((outcome, report))
    }
    /// Start the helper for `spec` with `stdin` as the program's stdin: the
    /// pipes are made (owned by the sandbox uid, `stdin_w` too), the helper
    /// spawned with the spec on fd 3, the report pipe on 4 and the result
    /// channel on 5, and the spec written.
    pub(super) fn spawn(&self, spec: &RunSpec, stdin: Stdio, stdin_w: Option<std::os::fd::BorrowedFd<'_>>) -> Result<Spawned, SandboxError> {
        let (out_r, out_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(std::io::Error::from)?;
        let (err_r, err_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(std::io::Error::from)?;
        let (spec_r, spec_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(std::io::Error::from)?;
        let (rep_r, rep_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(std::io::Error::from)?;
        let (chan_r, chan_w) = if spec.result_channel {
            let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(std::io::Error::from)?;
            (Some(r), Some(w))
        } else {
            (None, None)
        };
        // The program's pipes belong to its uid, so /dev/stdout and friends
        // can be reopened from inside the sandbox.
        if let Some(uid) = self.uid {
            let owner = Some(nix::unistd::Uid::from_raw(uid));
            let group = Some(nix::unistd::Gid::from_raw(uid));
            let mut fds: Vec<std::os::fd::BorrowedFd<'_>> = vec![out_w.as_fd(), err_w.as_fd()];
            if let Some(f) = stdin_w {
                fds.push(f);
            }
            if let Some(c) = chan_w.as_ref() {
                fds.push(c.as_fd());
            }
            for fd in fds {
                nix::unistd::fchown(fd, owner, group).map_err(std::io::Error::from)?;
            }
        }
        // Move the fds the helper gets at 3/4/5 out of that range first, so the
        // dup2 calls below can never overwrite one another.
        let high = |fd: &OwnedFd| -> std::io::Result<OwnedFd> { fd.as_fd().try_clone_to_owned().and_then(dup_high) };
        let spec_hi = high(&spec_r)?;
        let rep_hi = high(&rep_w)?;
        let chan_hi = chan_w.as_ref().map(high).transpose()?;
        drop((spec_r, rep_w, chan_w));
        let fds = [spec_hi.as_raw_fd(), rep_hi.as_raw_fd(), chan_hi.as_ref().map_or(-1, |f| f.as_raw_fd())];
        let mut cmd = Command::new(&self.helper);
        cmd.arg(crate::HELPER_SUBCOMMAND)
            .env_clear()
            .stdin(stdin)
            .stdout(Stdio::from(out_w))
            .stderr(Stdio::from(err_w));
        // SAFETY: only dup2, which is async-signal-safe, runs between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                for (src, dst) in fds.iter().zip([3, 4, 5]) {
                    if *src >= 0 && libc::dup2(*src, dst) == -1 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
                Ok(())
            });
        }
        let child = cmd.spawn().map_err(|source| SandboxError::Spawn { path: self.helper.clone(), source })?;
        crate::cleanup::register_helper(child.id());
        drop(cmd);
        drop((spec_hi, rep_hi, chan_hi));
        let mut spec_w = File::from(spec_w);
        let line = serde_json::to_string(spec).map_err(|e| SandboxError::Helper(format!("cannot encode the run spec: {e}")))?;
        spec_w.write_all(line.as_bytes())?;
        drop(spec_w);
        Ok(Spawned { child, out_r, err_r, rep_r, chan_r })
    }

    /// The run's cgroups for `spec` (limits written), with the spec's cgroup
    /// fields filled in; `None` without cgroup support.
    pub(super) fn prepare_cgroup(&self, spec: &mut RunSpec) -> Result<Option<RunCgroup>, SandboxError> {
        let cgroup = if self.cgroups.memory || self.cgroups.pids {
            Some(RunCgroup::create(&self.cgroups, spec.memory_kib, spec.processes).map_err(SandboxError::Cgroup)?)
        } else {
            None
        };
        if let Some(cg) = &cgroup {
            spec.cgroup_procs = cg.procs_files();
            spec.cgroup_memory = cg.has_memory();
            spec.cgroup_cpuacct = cg.cpuacct_dir().map(Path::to_path_buf);
            spec.cgroup_memory_current = cg.memory_current_file();
            spec.cgroup_layers = cg.layers();
            spec.cgroup_pressure = cg
                .procs_files()
                .iter()
                .filter_map(|p| p.parent().map(|d| d.join("cpu.pressure")))
                .find(|p| p.is_file());
        }
        Ok(cgroup)
    }
}

/// A started helper: its process and the judge's ends of the program's pipes.
pub(super) struct Spawned {
    pub child: std::process::Child,
    pub out_r: OwnedFd,
    pub err_r: OwnedFd,
    pub rep_r: OwnedFd,
    pub chan_r: Option<OwnedFd>,
}

fn dup_high(fd: OwnedFd) -> std::io::Result<OwnedFd> {
    let raw = nix::fcntl::fcntl(fd.as_fd(), nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(10)).map_err(std::io::Error::from)?;
    // SAFETY: fcntl returned a fresh descriptor we now own.
    Ok(unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(raw) })
}

/// Writes a case's input into the program's stdin pipe without blocking,
/// then closes it (EOF).
struct Feeder {
    fd: Option<File>,
    data: Vec<u8>,
    pos: usize,
}

impl Feeder {
    fn write_some(&mut self) {
        let Some(f) = self.fd.as_mut() else { return };
        let end = (self.pos + 65536).min(self.data.len());
        match f.write(&self.data[self.pos..end]) {
            Ok(n) => {
                self.pos += n;
                if self.pos >= self.data.len() {
                    self.fd = None;
                }
            }
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted) => {}
            // The program closed its stdin or exited: stop feeding.
            Err(_) => self.fd = None,
        }
    }
}

pub(super) struct Stream {
    pub(super) fd: Option<File>,
    pub(super) captured: Captured,
    pub(super) cap: usize,
    pub(super) limit: u64,
}

impl Stream {
    pub(super) fn new(fd: OwnedFd, cap: usize, limit: u64) -> Stream {
        Stream { fd: Some(File::from(fd)), captured: Captured::default(), cap, limit }
    }

    /// Read what is available; close on EOF or once past the limit (the
    /// writer then gets EPIPE/SIGPIPE and the run is OLE by its byte count).
    pub(super) fn read_some(&mut self) {
        let Some(f) = self.fd.as_mut() else { return };
        let mut buf = [0u8; 65536];
        match f.read(&mut buf) {
            Ok(0) => self.fd = None,
            Ok(n) => {
                let keep = n.min(self.cap.saturating_sub(self.captured.data.len()));
                self.captured.data.extend_from_slice(&buf[..keep]);
                self.captured.total += n as u64;
                if self.captured.total > self.limit {
                    self.fd = None;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => self.fd = None,
        }
    }
}
