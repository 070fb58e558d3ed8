//! A batch session: one sandboxed program that runs many cases in sequence
//! (the batch mode of the function-problem drivers, `docs/drivers.md`), each
//! measured and limited by the judge from outside at the case boundaries.
//!
//! # Protocol
//! The judge writes each case request on the program's stdin as
//! `<len>\n` followed by `len` bytes (the case's `.in`). The driver answers on
//! the result channel (fd 3) with `\x1eS <n>\n` when it has read request `n`
//! (counted from 1 in each process), then the result line (the one-case
//! protocol's JSON line), then `\x1eD <n> <bytes>\n` (`bytes`: the length of
//! the result line) once it has flushed the solution's stdout and stderr.
//! The judge then writes `sync\n`, answered by `\x1eY <n>\n`: whatever
//! arrives on fd 3 between `D` and `Y` (a real result behind a forged one) is
//! a protocol violation of case `n`. End of input (the judge closes stdin)
//! ends the program with status 0.
//!
//! Everything the driver writes is untrusted: a frame that is not exactly the
//! one expected next is a [`Violation`], and the judge ends the process (the
//! next case gets a fresh one).
//!
//! # Measurement
//! A case's window runs from the previous boundary (the program's start for
//! the first case of a process, else the previous case's `Y`; for CPU and
//! wait, the previous case's `D`, so that the time between a `D` and its `Y`
//! is charged to the next case) to its `D`:
//! - CPU: the run's cgroup (`cpuacct.usage`, v2 `cpu.stat`), else the sum of
//!   `utime + stime + cutime + cstime` of the live processes of the run
//!   (`/proc/PID/stat`, the process tree below the helper's init), sampled at
//!   the boundaries and every 5 ms (cgroup) / 20 ms (`/proc`) in between;
//! - wall: the judge's monotonic clock;
//! - wait for a CPU: the cgroup's `cpu.pressure` where it has one, else the
//!   run-queue wait of `/proc/PID/schedstat` summed over the run's processes;
//! - memory: the larger of the cgroup's peak, reset at the start of the
//!   window (v1 `memory.max_usage_in_bytes`, v2 `memory.peak` per descriptor
//!   on Linux >= 6.12; where the kernel cannot reset it, the peak since the
//!   process started), and the main process's `VmHWM`, reset at the start of
//!   the window by writing 5 to its `clear_refs` (both start from what the
//!   process holds at that moment: the interpreter and the loaded solution).
//!
//! The judge kills the run when a case's CPU or wall time passes its limit,
//! or its stdout the output limit; the memory limit is the cgroup's (or
//! `RLIMIT_AS`) for the whole process, as for one case.

use super::cgroup::RunCgroup;
use super::run::{Spawned, Stream, STDERR_CAPTURE_MAX};
use crate::spec::{HelperReport, RunSpec};
use crate::{Captured, Outcome, Sandbox, SandboxError};
use judge_core::{Measurement, SandboxReport, Termination};
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// One case for [`Session::run_case`].
#[derive(Debug, Clone, Copy)]
pub struct CaseRequest<'a> {
    /// The case's input (the bytes of its `.in` file).
    pub input: &'a [u8],
    /// CPU time limit of the case, ms.
    pub cpu_ms: u64,
    /// Wall-clock limit of the case, ms (time spent waiting for a CPU is not
    /// charged, up to `WAIT_ALLOWANCE_FACTOR` × the limit, as for one run).
    pub wall_ms: u64,
    /// Output limit of the case's stdout, bytes.
    pub output_bytes: u64,
    /// Bytes of the case's result line the judge reads.
    pub channel_bytes: usize,
}

/// A break of the batch protocol by the program (fixed texts: nothing the
/// program wrote is echoed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Violation {
    /// A frame other than the start of this case where it was expected.
    BadStart,
    /// A done frame that does not match the case or the result's length.
    BadDone,
    /// Bytes on the result channel after the case was done.
    AfterDone,
    /// The result line is larger than the judge reads.
    TooLarge,
}

impl Violation {
    /// A fixed description for the case's cause.
    pub fn describe(self) -> &'static str {
        match self {
            Violation::BadStart => "protocol violation on the result channel: unexpected data before the case started (forged or stale frame)",
            Violation::BadDone => "protocol violation on the result channel: a forged or malformed end-of-case frame",
            Violation::AfterDone => "protocol violation on the result channel: data after the case's result (forged or duplicated result)",
            Violation::TooLarge => "the result is larger than the judge reads (4 × the expected answer + 64 KiB)",
        }
    }
}

/// What one case of a session gave.
#[derive(Debug, Clone)]
pub struct CaseOutcome {
    /// The case's measurement, its stdout/stderr (what arrived between the
    /// boundaries), and its result line (the bytes between the start and done
    /// frames; with a [`Violation::BadDone`], the bytes before the bad frame).
    /// `layers` is filled only when the process ended in this case.
    pub outcome: Outcome,
    /// The program broke the protocol (the process has been ended).
    pub violation: Option<Violation>,
    /// The process is gone after this case: the next case needs a new session.
    pub ended: bool,
    /// The process was ended by the session's own overall limits (not the
    /// case's): the case did not get a fair run and should be run again in a
    /// fresh process.
    pub backstop: bool,
}

/// A program running cases in sequence ([module docs](self)).
pub struct Session<'s> {
    sandbox: &'s Sandbox,
    cancel: Option<&'s crate::CancelToken>,
    child: Option<std::process::Child>,
    cgroup: Option<RunCgroup>,
    cgroup_dirs: Vec<PathBuf>,
    stdin: Option<File>,
    out: Stream,
    err: Stream,
    rep: Stream,
    chan: Option<Stream>,
    seq: u64,
    boundary: Instant,
    cpu_base: u64,
    wait_base: u64,
    tree: TreeMeter,
    report: Option<HelperReport>,
    layers: Option<SandboxReport>,
    program: Option<Program>,
}

/// The main process of the run, found below the helper's init.
struct Program {
    pid: u32,
    pidfd: Option<OwnedFd>,
}

enum Phase {
    Start,
    Payload,
    Sync,
}

impl<'s> Session<'s> {
    /// Start `spec`'s program with a pipe as its stdin and the result channel
    /// on fd 3. `spec.cpu_ms`/`wall_ms` are the limits of the whole session
    /// (a backstop the helper enforces); each case's limits are the judge's.
    pub fn start(sandbox: &'s Sandbox, spec: &RunSpec, cancel: Option<&'s crate::CancelToken>) -> Result<Session<'s>, SandboxError> {
        if cancel.is_some_and(|c| c.is_cancelled()) {
            return Err(SandboxError::Cancelled);
        }
        crate::cleanup::park_if_ending();
        let mut spec = spec.clone();
        spec.uid = sandbox.uid();
        spec.result_channel = true;
        let cgroup = sandbox.prepare_cgroup(&mut spec)?;
        let cgroup_dirs = cgroup.as_ref().map(RunCgroup::dirs).unwrap_or_default();
        crate::cleanup::register_cgroups(&cgroup_dirs);
        let (in_r, in_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(std::io::Error::from)?;
        nix::fcntl::fcntl(in_w.as_fd(), nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::O_NONBLOCK)).map_err(std::io::Error::from)?;
        let spawned = sandbox.spawn(&spec, Stdio::from(in_r), Some(in_w.as_fd()));
        let Spawned { child, out_r, err_r, rep_r, chan_r } = match spawned {
            Ok(s) => s,
            Err(e) => {
                if let Some(cg) = cgroup {
                    cg.finish();
                }
                crate::cleanup::unregister_cgroups(&cgroup_dirs);
                return Err(e);
            }
        };
        let helper_pid = child.id();
        let mut session = Session {
            sandbox,
            cancel,
            child: Some(child),
            cgroup,
            cgroup_dirs,
            stdin: Some(File::from(in_w)),
            out: Stream::new(out_r, spec.capture_bytes, u64::MAX),
            err: Stream::new(err_r, spec.capture_bytes.min(STDERR_CAPTURE_MAX), u64::MAX),
            rep: Stream::new(rep_r, 1 << 20, u64::MAX),
            chan: chan_r.map(|r| Stream::new(r, 64 << 10, u64::MAX)),
            seq: 0,
            boundary: Instant::now(),
            cpu_base: 0,
            wait_base: 0,
            tree: TreeMeter::new(helper_pid, spec.cgroup_pressure.clone()),
            report: None,
            layers: None,
            program: None,
        };
        session.cpu_base = session.cpu_now();
        Ok(session)
    }

    /// Whether the program is still running (another case can be sent):
    /// what it wrote since the last case is read first, so that a process
    /// that ended between two cases (a thread of the solution crashed it)
    /// is noticed before the next case is sent, not blamed on it.
    pub fn alive(&mut self) -> bool {
        if self.report.is_none() && self.child.is_some() {
            let _ = self.pump(Duration::ZERO, false);
            if self.rep.fd.is_none() {
                let _ = self.finish_process();
            }
        }
        self.report.is_none() && self.child.is_some()
    }

    /// The layers the helper reported, once the program has ended.
    pub fn layers(&self) -> Option<&SandboxReport> {
        self.layers.as_ref()
    }

    fn cpu_now(&mut self) -> u64 {
        match self.cgroup.as_ref().and_then(RunCgroup::cpu_ms) {
            Some(ms) => ms,
            None => self.tree.cpu_ms(),
        }
    }

    /// Run one case. Errors are the judge's failures (IE) or a cancellation;
    /// everything the program does is in the [`CaseOutcome`].
    pub fn run_case(&mut self, req: &CaseRequest<'_>) -> Result<CaseOutcome, SandboxError> {
        if !self.alive() {
            return Err(SandboxError::Helper("the batch process has ended".into()));
        }
        self.seq += 1;
        let n = self.seq;
        let mut pending: Vec<u8> = format!("{}\n", req.input.len()).into_bytes();
        pending.extend_from_slice(req.input);
        let mut sent = 0usize;
        // A new peak-memory window (where the kernel cannot reset it, the
        // figure is the peak since the process started).
        if let Some(cg) = self.cgroup.as_mut() {
            cg.reset_peak();
        }
        // And of the main process's peak RSS (as `ru_maxrss` for one run).
        if let Some(p) = &self.program {
            let _ = std::fs::write(format!("/proc/{}/clear_refs", p.pid), "5");
        }
        let oom_base = self.cgroup.as_ref().map(RunCgroup::oom_kills).unwrap_or(0);
        self.out.captured = Captured::default();
        self.err.captured = Captured::default();
        let (start_frame, sync_frame) = (format!("\x1eS {n}\n").into_bytes(), format!("\x1eY {n}\n").into_bytes());
        let mut phase = Phase::Start;
        let mut result: Option<(Measurement, Vec<u8>)> = None;
        let mut violation: Option<Violation> = None;
        // The result channel's bytes of a case with a bad done frame.
        let mut stash: Vec<u8> = Vec::new();
        let mut killed = (false, false); // cpu, wall
        let mut polled_peak: u64 = 0;
        let mut last_sample = Instant::now() - Duration::from_secs(1);
        let max_allowance = req.wall_ms.saturating_mul(judge_core::limits::WAIT_ALLOWANCE_FACTOR);
        let mut kill_sent = false;
        // When the end-of-case frame arrived (the result is in).
        let mut done_at: Option<Instant> = None;
        // The CPU and wait counters when it arrived.
        let mut at_done: Option<(u64, u64)> = None;
        // The process was ended after the result was in, for not answering `sync`.
        let mut late = false;
        let mut kill_at: Option<Instant> = None;
        let cgroup_cpu = self.cgroup.as_ref().and_then(RunCgroup::cpu_ms).is_some();
        loop {
            if self.cancel.is_some_and(|c| c.is_cancelled()) {
                self.kill_helper();
                return Err(SandboxError::Cancelled);
            }
            // Write what is left of the request (the pipe is non-blocking).
            if sent < pending.len() {
                if let Some(f) = self.stdin.as_mut() {
                    let end = (sent + 65536).min(pending.len());
                    match f.write(&pending[sent..end]) {
                        Ok(k) => sent += k,
                        Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted) => {}
                        Err(_) => sent = pending.len(), // the program is gone: its end is reported below
                    }
                } else {
                    sent = pending.len();
                }
            }
            // The protocol, as far as the bytes on fd 3 go.
            if violation.is_none() && !kill_sent {
                let buf = self.chan.as_ref().map(|c| c.captured.data.as_slice()).unwrap_or(&[]);
                let mut consumed = 0;
                match phase {
                    Phase::Start => {
                        let k = buf.len().min(start_frame.len());
                        if buf[..k] != start_frame[..k] {
                            violation = Some(Violation::BadStart);
                        } else if k == start_frame.len() {
                            consumed = k;
                            phase = Phase::Payload;
                        }
                    }
                    Phase::Payload => match buf.iter().position(|b| *b == 0x1e) {
                        Some(pos) => {
                            if let Some(nl) = buf[pos..].iter().position(|b| *b == b'\n') {
                                let frame = &buf[pos..pos + nl + 1];
                                if frame == format!("\x1eD {n} {pos}\n").as_bytes() {
                                    let line = buf[..pos].to_vec();
                                    let m = self.measure(oom_base, polled_peak, killed);
                                    // The counters at `D`: the next window's CPU and
                                    // wait start here, not at `Y`, so that nothing
                                    // the process does before answering `sync` (a
                                    // thread holding up the answer) goes uncharged.
                                    at_done = Some((self.cpu_base.saturating_add(m.cpu_ms), self.wait_base.saturating_add(m.wait_ms)));
                                    result = Some((m, line));
                                    consumed = pos + nl + 1;
                                    phase = Phase::Sync;
                                    pending = b"sync\n".to_vec();
                                    done_at = Some(Instant::now());
                                    sent = 0;
                                } else {
                                    // Kept: the judge tells the case what was wrong with it.
                                    stash = buf[..pos].to_vec();
                                    violation = Some(Violation::BadDone);
                                }
                            } else if buf.len() - pos > 64 {
                                violation = Some(Violation::BadDone);
                            }
                        }
                        None if buf.len() > req.channel_bytes => violation = Some(Violation::TooLarge),
                        None => {}
                    },
                    Phase::Sync => {
                        let k = buf.len().min(sync_frame.len());
                        if buf[..k] != sync_frame[..k] {
                            violation = Some(Violation::AfterDone);
                        } else if k == sync_frame.len() {
                            // The case is over: the next window starts now.
                            if let Some(c) = self.chan.as_mut() {
                                c.captured.data.drain(..k);
                            }
                            self.drain_now();
                            if let Some((m, line)) = result.take() {
                                self.boundary = Instant::now();
                                let (cpu, wait) = match at_done {
                                    Some(at) => at,
                                    None => (self.cpu_now(), self.tree.wait_ms()),
                                };
                                self.cpu_base = cpu;
                                self.wait_base = wait;
                                return Ok(self.case_outcome(m, line, None, false, false));
                            }
                            violation = Some(Violation::AfterDone);
                        }
                    }
                }
                if consumed > 0 {
                    if let Some(c) = self.chan.as_mut() {
                        c.captured.data.drain(..consumed);
                    }
                    continue;
                }
                if violation.is_some() {
                    self.kill_program();
                    kill_sent = true;
                    kill_at = Some(Instant::now());
                }
            }
            // Limits of the case, until its result is in.
            if result.is_none() && !kill_sent {
                let sample_every = if cgroup_cpu { Duration::from_millis(5) } else { Duration::from_millis(20) };
                if last_sample.elapsed() >= sample_every {
                    last_sample = Instant::now();
                    self.tree.sample(self.program.is_none() || !cgroup_cpu);
                    if self.program.is_none() {
                        self.find_program();
                    }
                    if let Some(kib) = self.cgroup.as_ref().filter(|c| c.window_peak_kib().is_none()).and_then(RunCgroup::current_kib) {
                        polled_peak = polled_peak.max(kib);
                    }
                    let cpu = self.cpu_now().saturating_sub(self.cpu_base);
                    let wall = self.boundary.elapsed().as_millis() as u64;
                    let wait = self.tree.wait_ms().saturating_sub(self.wait_base);
                    if cpu > req.cpu_ms {
                        killed.0 = true;
                    } else if wall > req.wall_ms + wait.min(max_allowance) {
                        killed.1 = true;
                    }
                    if self.out.captured.total > req.output_bytes {
                        killed = (false, false);
                    }
                    if killed.0 || killed.1 || self.out.captured.total > req.output_bytes {
                        self.kill_program();
                        kill_sent = true;
                        kill_at = Some(Instant::now());
                    }
                }
            }
            // The result is in but the driver does not answer `sync` (a
            // thread of the solution holds it up): the case keeps its result,
            // the process is replaced.
            if !kill_sent && done_at.is_some_and(|t| t.elapsed() > Duration::from_millis(req.wall_ms.max(1000))) {
                late = true;
                self.kill_program();
                kill_sent = true;
                kill_at = Some(Instant::now());
            }
            if kill_at.is_some_and(|t| t.elapsed() > Duration::from_secs(2)) {
                // The helper did not report after the program was killed.
                self.kill_helper();
            }
            // The program has ended (crash, exit, kill): the case ends with it.
            if self.rep.fd.is_none() {
                return self.ended_in_case(req, (oom_base, polled_peak), killed, (violation, stash), result, late);
            }
            self.pump(Duration::from_millis(if result.is_some() { 50 } else { 5 }), sent < pending.len())?;
        }
    }

    /// The measurement of the case now (at its done frame, or as it ends).
    fn measure(&mut self, oom_base: u64, polled_peak: u64, killed: (bool, bool)) -> Measurement {
        if self.program.is_none() {
            self.find_program();
        }
        self.tree.sample(true);
        let cpu_ms = self.cpu_now().saturating_sub(self.cpu_base);
        let wall_ms = self.boundary.elapsed().as_millis() as u64;
        let wait_ms = self.tree.wait_ms().saturating_sub(self.wait_base);
        // As for one run: the larger of the group's peak and the main
        // process's peak RSS, both over the case's window.
        let group = self.cgroup.as_ref().and_then(RunCgroup::window_peak_kib).unwrap_or(0).max(polled_peak);
        let rss = self.program.as_ref().and_then(|p| vm_hwm_kib(p.pid)).unwrap_or(0);
        let memory_kib = group.max(rss);
        let oom_killed = self.cgroup.as_ref().map(RunCgroup::oom_kills).unwrap_or(0) > oom_base;
        Measurement {
            termination: Termination::Exited(0),
            cpu_ms,
            wall_ms,
            wait_ms,
            memory_kib,
            killed_for_cpu: killed.0,
            killed_for_wall: killed.1,
            oom_killed,
            stdout_bytes: self.out.captured.total,
            stderr_bytes: self.err.captured.total,
        }
    }

    /// The program ended during the case: wait for the helper, then the case's outcome.
    fn ended_in_case(
        &mut self,
        req: &CaseRequest<'_>,
        (oom_base, polled_peak): (u64, u64),
        killed: (bool, bool),
        (violation, stash): (Option<Violation>, Vec<u8>),
        result: Option<(Measurement, Vec<u8>)>,
        late: bool,
    ) -> Result<CaseOutcome, SandboxError> {
        let mut m = match &result {
            Some((m, _)) => m.clone(),
            None => self.measure(oom_base, polled_peak, killed),
        };
        self.finish_process()?;
        let report = self.report.clone().ok_or_else(|| SandboxError::Helper("no report from the sandbox helper".into()))?;
        if let Some(e) = &report.error {
            return Err(SandboxError::Helper(e.clone()));
        }
        let Some(termination) = report.termination else {
            return Err(SandboxError::Helper("no termination".into()));
        };
        // After the kill nothing more is read.
        m.stdout_bytes = m.stdout_bytes.max(self.out.captured.total);
        m.stderr_bytes = self.err.captured.total;
        // A protocol violation, or a result in and `sync` unanswered, ended
        // the process from outside: its exit is not the case's outcome.
        if violation.is_none() && !late {
            m.termination = termination;
        }
        if let Some(cg) = &self.cgroup {
            m.oom_killed |= cg.oom_kills() > oom_base;
        }
        if m.memory_kib == 0 {
            m.memory_kib = report.maxrss_kib;
        }
        let backstop = (report.killed_for_cpu || report.killed_for_wall) && !killed.0 && !killed.1 && m.cpu_ms <= req.cpu_ms;
        let line = match (violation, result) {
            (Some(_), _) => stash,
            (None, Some((_, line))) => line,
            // Whatever came after the start frame.
            (None, None) => self.chan.as_ref().map(|c| c.captured.data.clone()).unwrap_or_default(),
        };
        let mut out = self.case_outcome(m, line, violation, true, backstop);
        out.outcome.layers = self.layers.clone().unwrap_or_default();
        Ok(out)
    }

    fn case_outcome(&mut self, m: Measurement, line: Vec<u8>, violation: Option<Violation>, ended: bool, backstop: bool) -> CaseOutcome {
        let channel = Captured { total: line.len() as u64, data: line };
        let stdout = std::mem::take(&mut self.out.captured);
        let stderr = std::mem::take(&mut self.err.captured);
        let outcome = Outcome { measurement: m, stdout, stderr, channel, layers: SandboxReport::default(), collected: None };
        CaseOutcome { outcome, violation, ended, backstop }
    }

    /// Read what the program has written so far, without waiting.
    fn drain_now(&mut self) {
        for _ in 0..64 {
            let before = self.out.captured.total + self.err.captured.total;
            let _ = self.pump(Duration::ZERO, false);
            if self.out.captured.total + self.err.captured.total == before {
                break;
            }
        }
    }

    /// One `poll(2)` round over the program's pipes (and stdin when there is
    /// something to write), reading whatever is ready.
    fn pump(&mut self, wait: Duration, writing: bool) -> Result<(), SandboxError> {
        let mut pfds = Vec::new();
        let mut idx = Vec::new();
        if let Some(fd) = self.cancel.and_then(|c| c.fd()) {
            pfds.push(PollFd::new(fd, PollFlags::POLLIN));
            idx.push(usize::MAX);
        }
        let streams: [Option<&Stream>; 4] = [Some(&self.out), Some(&self.err), Some(&self.rep), self.chan.as_ref()];
        for (i, s) in streams.iter().enumerate() {
            if let Some(fd) = s.and_then(|s| s.fd.as_ref()) {
                pfds.push(PollFd::new(fd.as_fd(), PollFlags::POLLIN));
                idx.push(i);
            }
        }
        if writing {
            if let Some(f) = &self.stdin {
                pfds.push(PollFd::new(f.as_fd(), PollFlags::POLLOUT));
                idx.push(usize::MAX - 1);
            }
        }
        let ms = wait.as_millis().min(1000) as u16;
        match poll(&mut pfds, PollTimeout::from(ms)) {
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => return Ok(()),
            Err(e) => return Err(std::io::Error::from(e).into()),
        }
        let ready: Vec<usize> =
            pfds.iter().zip(&idx).filter(|(p, _)| p.revents().is_some_and(|r| !r.is_empty())).map(|(_, i)| *i).collect();
        drop(pfds);
        for i in ready {
            match i {
                0 => self.out.read_some(),
                1 => self.err.read_some(),
                2 => self.rep.read_some(),
                3 => {
                    if let Some(c) = self.chan.as_mut() {
                        // The channel keeps everything until the protocol consumes it.
                        c.cap = c.captured.data.len() + (1 << 20);
                        c.read_some();
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The helper's init and the program below it, from `/proc`.
    fn find_program(&mut self) {
        let Some(child) = &self.child else { return };
        let helper = child.id();
        let Some(init) = children_of(helper).into_iter().next() else { return };
        let Some(pid) = children_of(init).into_iter().next() else { return };
        // SAFETY: plain syscall; a pidfd pins the process's identity.
        let raw = unsafe { libc::syscall(libc::SYS_pidfd_open, pid as libc::pid_t, 0) };
        let pidfd = (raw >= 0).then(|| unsafe { OwnedFd::from_raw_fd(raw as i32) });
        // Still init's child once pinned: the pidfd is the program's.
        if children_of(init).contains(&pid) {
            self.program = Some(Program { pid, pidfd });
        }
    }

    /// End the program (its init then ends every process of the run and
    /// reports): by its pidfd, else the v2 `cgroup.kill`, else the helper.
    fn kill_program(&mut self) {
        if self.program.is_none() {
            self.find_program();
        }
        if let Some(fd) = self.program.as_ref().and_then(|p| p.pidfd.as_ref()) {
            // SAFETY: signals the process the pidfd refers to, nothing else.
            let rc = unsafe {
                libc::syscall(libc::SYS_pidfd_send_signal, fd.as_raw_fd(), libc::SIGKILL, std::ptr::null::<libc::siginfo_t>(), 0)
            };
            if rc == 0 {
                return;
            }
        }
        if self.cgroup.as_ref().is_some_and(RunCgroup::kill) {
            return;
        }
        self.kill_helper();
    }

    /// Kill the helper (its init dies with it and takes the run down).
    fn kill_helper(&mut self) {
        if let Some(c) = self.child.as_mut() {
            let _ = c.kill();
        }
    }

    /// Wait (bounded) for the helper's report and exit, reading the pipes.
    fn finish_process(&mut self) -> Result<(), SandboxError> {
        let deadline = Instant::now() + Duration::from_secs(3);
        while self.rep.fd.is_some() && Instant::now() < deadline {
            self.pump(Duration::from_millis(20), false)?;
        }
        if self.rep.fd.is_some() {
            self.kill_helper();
        }
        // Leftovers get a short grace, as for one run.
        let grace = Instant::now() + Duration::from_millis(200);
        while (self.out.fd.is_some() || self.err.fd.is_some()) && Instant::now() < grace {
            self.pump(Duration::from_millis(20), false)?;
        }
        self.stdin = None;
        if let Some(mut c) = self.child.take() {
            if self.rep.fd.is_some() {
                let _ = c.kill();
            }
            let _ = c.wait();
            crate::cleanup::unregister_helper(c.id());
        }
        let text = String::from_utf8_lossy(&self.rep.captured.data).into_owned();
        let report: Option<HelperReport> = text.lines().find_map(|l| serde_json::from_str(l).ok());
        let mut layers = report
            .as_ref()
            .map(|r| SandboxReport { enforced: r.enforced.clone(), missing: r.missing.clone() })
            .unwrap_or_default();
        layers.missing.extend(self.sandbox.cgroups().why_not.iter().cloned());
        if report.is_some() {
            self.layers = Some(layers);
        }
        self.report = Some(report.unwrap_or(HelperReport {
            termination: Some(Termination::Signaled(libc::SIGKILL)),
            cpu_ms: 0,
            wall_ms: 0,
            wait_ms: 0,
            maxrss_kib: 0,
            killed_for_cpu: false,
            killed_for_wall: false,
            enforced: Vec::new(),
            missing: Vec::new(),
            error: None,
            collected: None,
            cgroup_peak_kib: None,
        }));
        crate::cleanup::park_if_ending();
        if let Some(cg) = self.cgroup.take() {
            cg.finish();
        }
        crate::cleanup::unregister_cgroups(&self.cgroup_dirs);
        Ok(())
    }

    /// End the session: close the program's stdin (the driver exits), wait
    /// for its report (bounded), remove its cgroups. The layers the helper
    /// reported, if it did.
    pub fn finish(mut self) -> Option<SandboxReport> {
        self.stdin = None;
        if self.child.is_some() {
            let _ = self.finish_process();
        }
        self.layers.take()
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        if self.child.is_some() {
            self.kill_helper();
            let _ = self.finish_process();
        }
    }
}

/// Child pids of every thread of `pid` (`/proc/PID/task/*/children`).
fn children_of(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return out };
    for t in tasks.flatten() {
        if let Ok(text) = std::fs::read_to_string(t.path().join("children")) {
            out.extend(text.split_whitespace().filter_map(|p| p.parse::<u32>().ok()));
        }
    }
    out
}

/// `VmHWM` of a process, KiB.
fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = text.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU and run-queue wait of the run's process tree from `/proc` (the
/// processes below the helper's init), for runs without a cgroup CPU counter
/// or without `cpu.pressure`.
struct TreeMeter {
    helper: u32,
    pressure: Option<(PathBuf, u64)>,
    /// Last run-queue wait seen per pid, ns (kept after the process is gone).
    seen_wait: HashMap<u32, u64>,
    retired_wait: u64,
    /// CPU of the live tree at the last sample, ms.
    cpu: u64,
}

impl TreeMeter {
    fn new(helper: u32, pressure: Option<PathBuf>) -> TreeMeter {
        let pressure = pressure.and_then(|p| psi_some_total_us(&p).map(|t| (p, t)));
        TreeMeter { helper, pressure, seen_wait: HashMap::new(), retired_wait: 0, cpu: 0 }
    }

    /// The run's processes: everything below the helper's init.
    fn pids(&self) -> Vec<u32> {
        let mut out = Vec::new();
        let mut stack: Vec<u32> = children_of(self.helper).into_iter().flat_map(children_of).collect();
        while let Some(p) = stack.pop() {
            if out.len() > 4096 {
                break;
            }
            out.push(p);
            stack.extend(children_of(p));
        }
        out
    }

    fn sample(&mut self, cpu: bool) {
        if self.pressure.is_some() && !cpu {
            return;
        }
        let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
        let mut ticks = 0u64;
        for pid in self.pids() {
            if cpu {
                if let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
                    if let Some(close) = text.rfind(')') {
                        let f: Vec<&str> = text[close + 1..].split_whitespace().collect();
                        ticks += (11..=14).filter_map(|i| f.get(i).and_then(|v| v.parse::<u64>().ok())).sum::<u64>();
                    }
                }
            }
            if self.pressure.is_none() {
                if let Some(ns) = std::fs::read_to_string(format!("/proc/{pid}/schedstat"))
                    .ok()
                    .and_then(|t| t.split_whitespace().nth(1).and_then(|v| v.parse::<u64>().ok()))
                {
                    let last = self.seen_wait.entry(pid).or_insert(0);
                    if ns < *last {
                        self.retired_wait += *last;
                    }
                    *last = ns;
                }
            }
        }
        if cpu {
            self.cpu = self.cpu.max(ticks * 1000 / hz);
        }
    }

    fn cpu_ms(&mut self) -> u64 {
        self.sample(true);
        self.cpu
    }

    fn wait_ms(&self) -> u64 {
        if let Some((path, start)) = &self.pressure {
            return psi_some_total_us(path).map(|t| t.saturating_sub(*start) / 1000).unwrap_or(0);
        }
        (self.retired_wait + self.seen_wait.values().sum::<u64>()) / 1_000_000
    }
}

/// The "some" total (µs) of a PSI file (`cpu.pressure`).
fn psi_some_total_us(path: &std::path::Path) -> Option<u64> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.lines().find(|l| l.starts_with("some "))?;
    line.split_whitespace().find_map(|f| f.strip_prefix("total="))?.parse().ok()
}
