//! Checker programs, run in a sandbox of their own (never in the solution's
//! process, never where the solution can reach them).
//!
//! Three interfaces (`docs/checkers.md`):
//! - **json** (function problems): stdin `{"args", "expected", "actual"}` in
//!   typed JSON; exit 0 accepts, 1 rejects (first line of stdout is the reason);
//! - **kattis** output validator (Kattis problem package format):
//!   `prog input answer feedback_dir/ [args] < output`; exit 42 accepts, 43
//!   rejects, messages in `feedback_dir/judgemessage.txt`;
//! - **testlib** checker: `prog input output answer`; exit 0 ok, 1 wrong
//!   answer, 2 presentation error, 3 fail, 7 points; message on stderr.
//!
//! Anything else — another exit code, a signal, a time-out — is a checker
//! failure: IE, never WA.

use judge_core::{Evidence, Termination, Value};
use judge_sandbox::{Outcome, RunSpec, Sandbox, StdinSource};
use std::path::{Path, PathBuf};

/// How to start a checker program (already compiled, or an interpreter and a script).
#[derive(Debug, Clone)]
pub struct CheckerCommand {
    /// Executable (absolute).
    pub program: PathBuf,
    /// argv prefix, argv\[0\] included (`[python3, -I, -B, /x/checker.py]` or `[/x/checker]`).
    pub argv: Vec<String>,
    /// Directories the program needs reachable (interpreter prefix).
    pub reachable: Vec<PathBuf>,
    /// Paths it may read (its own folder).
    pub readable: Vec<PathBuf>,
    /// Paths hidden from it.
    pub hidden: Vec<PathBuf>,
    /// CPU limit per check, ms.
    pub cpu_ms: u64,
    /// Memory limit, KiB.
    pub memory_kib: u64,
}

impl CheckerCommand {
    /// Run it in `workdir` with `extra` arguments after the argv prefix.
    pub fn run(&self, sandbox: &Sandbox, workdir: &Path, extra: &[String], stdin: StdinSource) -> Result<Outcome, String> {
        let mut argv = self.argv.clone();
        argv.extend(extra.iter().cloned());
        let mut spec = RunSpec::new(&self.program, argv, workdir);
        spec.stdin = stdin;
        spec.env = vec![
            ("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into()),
            ("LANG".into(), "C.UTF-8".into()),
            ("HOME".into(), workdir.display().to_string()),
            ("TMPDIR".into(), workdir.display().to_string()),
        ];
        spec.cpu_ms = self.cpu_ms;
        spec.wall_ms = self.cpu_ms * 3 + 2000;
        spec.memory_kib = Some(self.memory_kib);
        spec.reachable = self.reachable.clone();
        spec.readable = self.readable.clone();
        spec.hidden = self.hidden.clone();
        sandbox.run(&spec).map_err(|e| e.to_string())
    }
}

fn last_line(s: &str) -> String {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string()
}

fn first_lines(s: &str, n: usize) -> String {
    let lines: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).take(n).collect();
    lines.join(" / ")
}

/// A time-out, or a Python checker that died of an uncaught exception (Python
/// exits 1 then, which the json and testlib interfaces would read as a
/// rejection): the checker failed.
fn checker_broke(o: &Outcome) -> Option<Evidence> {
    let m = &o.measurement;
    if m.killed_for_cpu || m.killed_for_wall {
        return Some(Evidence::CheckerFailed("the checker program ran out of time".into()));
    }
    let stderr = o.stderr.text();
    if m.termination == Termination::Exited(1) && stderr.contains("Traceback (most recent call last):") {
        return Some(Evidence::CheckerFailed(format!("the checker program crashed: {}", last_line(&stderr))));
    }
    None
}

/// A `json`-interface checker for function problems.
#[derive(Debug, Clone)]
pub struct ProgramChecker {
    /// How to start it.
    pub cmd: CheckerCommand,
    /// Directory where checker inputs are written (private to the judge).
    pub private_dir: PathBuf,
    /// A work directory writable by the sandbox uid.
    pub workdir: PathBuf,
}

impl ProgramChecker {
    /// Run the checker on one answer.
    pub fn check(&self, sandbox: &Sandbox, case_id: &str, args: &[Value], expected: &Value, actual: &Value) -> Evidence {
        let input = serde_json::json!({
            "args": args.iter().map(Value::to_json).collect::<Vec<_>>(),
            "expected": expected.to_json(),
            "actual": actual.to_json(),
        });
        let file = self.private_dir.join(format!("checker-{}.json", case_id.replace('/', "_")));
        if let Err(e) = std::fs::write(&file, serde_json::to_vec(&input).expect("json")) {
            return Evidence::CheckerFailed(format!("cannot write {}: {e}", file.display()));
        }
        let outcome = self.cmd.run(sandbox, &self.workdir, &[], StdinSource::File(file.clone()));
        let _ = std::fs::remove_file(&file);
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) => return Evidence::CheckerFailed(e),
        };
        if let Some(e) = checker_broke(&outcome) {
            return e;
        }
        let reason = outcome.stdout.text().lines().next().unwrap_or("").trim().to_string();
        match outcome.measurement.termination {
            Termination::Exited(0) => Evidence::Accepted,
            Termination::Exited(1) => Evidence::Rejected(if reason.is_empty() {
                "rejected by the checker".into()
            } else {
                format!("checker: {reason}")
            }),
            Termination::Exited(c) => {
                let why = last_line(&outcome.stderr.text());
                let why = if why.is_empty() { "(nothing on stderr)".to_string() } else { why };
                Evidence::CheckerFailed(format!("checker program exited with {c} (0 accepts, 1 rejects): {why}"))
            }
            Termination::Signaled(s) => Evidence::CheckerFailed(format!("checker program killed by signal {s}")),
        }
    }
}

/// Which output-checker interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputInterface {
    /// Kattis output validator, with its extra arguments (validator flags).
    Kattis(Vec<String>),
    /// testlib checker.
    Testlib,
}

/// A checker program for stdio problems.
#[derive(Debug, Clone)]
pub struct OutputChecker {
    /// How to start it.
    pub cmd: CheckerCommand,
    /// Its interface.
    pub interface: OutputInterface,
}

impl OutputChecker {
    /// Check one output. `workdir` is a fresh directory owned by the sandbox
    /// uid (`uid`); the input, answer and output are written into it.
    /// `args` replaces the Kattis validator's arguments for this case (its
    /// test group's), when given.
    #[allow(clippy::too_many_arguments)]
    pub fn check(
        &self,
        sandbox: &Sandbox,
        workdir: &Path,
        uid: Option<u32>,
        input: &[u8],
        answer: &[u8],
        output: &[u8],
        args: Option<&[String]>,
    ) -> Evidence {
        let write = |name: &str, data: &[u8]| -> Result<PathBuf, String> {
            let p = workdir.join(name);
            std::fs::write(&p, data).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
            Ok(p)
        };
        let files = (|| -> Result<(PathBuf, PathBuf, PathBuf), String> {
            Ok((write("input", input)?, write("answer", answer)?, write("output", output)?))
        })();
        let (inp, ans, out) = match files {
            Ok(f) => f,
            Err(e) => return Evidence::CheckerFailed(e),
        };
        let s = |p: &Path| p.display().to_string();
        match &self.interface {
            OutputInterface::Kattis(flags) => {
                let feedback = workdir.join("feedback");
                if let Err(e) = std::fs::create_dir(&feedback).and_then(|_| match uid {
                    Some(u) => std::os::unix::fs::chown(&feedback, Some(u), Some(u)),
                    None => Ok(()),
                }) {
                    return Evidence::CheckerFailed(format!("cannot create the feedback directory: {e}"));
                }
                // Opened before the validator runs: renaming or replacing the
                // directory afterwards changes nothing we read.
                let feedback_fd = match open_dir_nofollow(&feedback) {
                    Ok(fd) => fd,
                    Err(e) => return Evidence::CheckerFailed(format!("cannot open the feedback directory: {e}")),
                };
                let mut argv = vec![s(&inp), s(&ans), format!("{}/", s(&feedback))];
                argv.extend(args.unwrap_or(flags).iter().cloned());
                let o = match self.cmd.run(sandbox, workdir, &argv, StdinSource::File(out)) {
                    Ok(o) => o,
                    Err(e) => return Evidence::CheckerFailed(e),
                };
                if let Some(e) = checker_broke(&o) {
                    return e;
                }
                let mut ignored = None;
                let mut message = None;
                for name in ["judgemessage.txt", "teammessage.txt"] {
                    match read_feedback_file(&feedback_fd, name, uid) {
                        Feedback::Absent => {}
                        Feedback::Ignored(why) => {
                            ignored.get_or_insert(format!("feedback file {name} ignored: {why}"));
                        }
                        Feedback::Text(b) => {
                            let m = first_lines(&String::from_utf8_lossy(&b), 3);
                            if !m.is_empty() && message.is_none() {
                                message = Some(m);
                            }
                        }
                    }
                }
                let message = match (message, ignored) {
                    (Some(m), _) => Some(m),
                    (None, i) => i,
                };
                match o.measurement.termination {
                    Termination::Exited(42) => Evidence::Accepted,
                    Termination::Exited(43) => Evidence::Rejected(match message {
                        Some(m) => format!("output validator: {m}"),
                        None => "rejected by the output validator".into(),
                    }),
                    Termination::Exited(c) => Evidence::CheckerFailed(format!(
                        "output validator exited with {c} (42 accepts, 43 rejects): {}",
                        message.unwrap_or_else(|| last_line(&o.stderr.text()))
                    )),
                    Termination::Signaled(sig) => Evidence::CheckerFailed(format!("output validator killed by signal {sig}")),
                }
            }
            OutputInterface::Testlib => {
                let o = match self.cmd.run(sandbox, workdir, &[s(&inp), s(&out), s(&ans)], StdinSource::Null) {
                    Ok(o) => o,
                    Err(e) => return Evidence::CheckerFailed(e),
                };
                if let Some(e) = checker_broke(&o) {
                    return e;
                }
                let msg = first_lines(&o.stderr.text(), 3);
                let with = |what: &str| if msg.is_empty() { what.to_string() } else { format!("{what}: {msg}") };
                match o.measurement.termination {
                    Termination::Exited(0) => Evidence::Accepted,
                    Termination::Exited(1) => Evidence::Rejected(with("checker: wrong answer")),
                    Termination::Exited(2) => Evidence::Rejected(with("checker: presentation error")),
                    Termination::Exited(7) => Evidence::Rejected(with("checker: partial points")),
                    Termination::Exited(3) => Evidence::CheckerFailed(with("checker reported fail")),
                    Termination::Exited(c) => Evidence::CheckerFailed(with(&format!("checker exited with {c} (testlib: 0 ok, 1 wa, 2 pe, 3 fail, 7 points)"))),
                    Termination::Signaled(sig) => Evidence::CheckerFailed(format!("checker killed by signal {sig}")),
                }
            }
        }
    }
}

/// Most bytes of a feedback file the judge reads.
pub const FEEDBACK_READ_BYTES: usize = 64 << 10;

/// What a validator left in a feedback file.
#[derive(Debug, PartialEq, Eq)]
enum Feedback {
    /// No such file.
    Absent,
    /// A file that is not a plain file the validator wrote (symlink, FIFO,
    /// device, directory, hard link, someone else's file): not read.
    Ignored(&'static str),
    /// Its first [`FEEDBACK_READ_BYTES`] bytes.
    Text(Vec<u8>),
}

/// Open a directory without following a symlink in its last component.
fn open_dir_nofollow(dir: &Path) -> std::io::Result<std::os::fd::OwnedFd> {
    use std::os::unix::fs::OpenOptionsExt;
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(dir)?;
    Ok(f.into())
}

/// Read `name` in the directory `dir` the way untrusted output must be read:
/// `openat` with `O_NOFOLLOW | O_NONBLOCK` (a symlink is refused, a FIFO does
/// not block), then only a regular file with one link, owned by `uid` when
/// one is given (the judge runs as root), at most [`FEEDBACK_READ_BYTES`].
fn read_feedback_file(dir: &std::os::fd::OwnedFd, name: &str, uid: Option<u32>) -> Feedback {
    use std::io::Read;
    use std::os::fd::{AsRawFd, FromRawFd};
    use std::os::unix::fs::MetadataExt;
    let Ok(c) = std::ffi::CString::new(name) else { return Feedback::Absent };
    // SAFETY: a plain syscall on a descriptor we own and a NUL-terminated name.
    let fd = unsafe {
        libc::openat(dir.as_raw_fd(), c.as_ptr(), libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC | libc::O_NOCTTY)
    };
    if fd < 0 {
        return match std::io::Error::last_os_error().raw_os_error() {
            Some(libc::ENOENT) => Feedback::Absent,
            Some(libc::ELOOP) => Feedback::Ignored("not a regular file"),
            _ => Feedback::Ignored("cannot be opened"),
        };
    }
    // SAFETY: a fresh descriptor returned by the kernel, owned from here on.
    let file = unsafe { std::fs::File::from_raw_fd(fd) };
    let Ok(meta) = file.metadata() else { return Feedback::Ignored("cannot be read") };
    if !meta.file_type().is_file() {
        return Feedback::Ignored("not a regular file");
    }
    if meta.nlink() != 1 {
        return Feedback::Ignored("a hard link");
    }
    if uid.is_some_and(|u| meta.uid() != u) {
        return Feedback::Ignored("not written by the validator");
    }
    let mut bytes = Vec::new();
    if file.take(FEEDBACK_READ_BYTES as u64).read_to_end(&mut bytes).is_err() {
        return Feedback::Ignored("cannot be read");
    }
    Feedback::Text(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_files_are_read_only_when_plain() {
        let dir = tempfile_dir();
        let fd = open_dir_nofollow(&dir).unwrap();
        assert_eq!(read_feedback_file(&fd, "judgemessage.txt", None), Feedback::Absent);
        std::fs::write(dir.join("judgemessage.txt"), b"wrong on line 3\n").unwrap();
        assert_eq!(read_feedback_file(&fd, "judgemessage.txt", None), Feedback::Text(b"wrong on line 3\n".to_vec()));
        std::fs::write(dir.join("secret"), b"secret").unwrap();
        std::os::unix::fs::symlink(dir.join("secret"), dir.join("link.txt")).unwrap();
        assert_eq!(read_feedback_file(&fd, "link.txt", None), Feedback::Ignored("not a regular file"));
        std::fs::hard_link(dir.join("secret"), dir.join("hard.txt")).unwrap();
        assert_eq!(read_feedback_file(&fd, "hard.txt", None), Feedback::Ignored("a hard link"));
        let fifo = std::ffi::CString::new(dir.join("fifo.txt").into_os_string().into_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert_eq!(read_feedback_file(&fd, "fifo.txt", None), Feedback::Ignored("not a regular file"));
        std::fs::write(dir.join("big.txt"), vec![b'x'; FEEDBACK_READ_BYTES * 2]).unwrap();
        match read_feedback_file(&fd, "big.txt", None) {
            Feedback::Text(b) => assert_eq!(b.len(), FEEDBACK_READ_BYTES),
            other => panic!("{other:?}"),
        }
        let me = unsafe { libc::geteuid() };
        assert_eq!(read_feedback_file(&fd, "judgemessage.txt", Some(me.wrapping_add(1))), Feedback::Ignored("not written by the validator"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir() -> PathBuf {
        let d = std::env::temp_dir().join(format!("judge-check-feedback-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir(&d).unwrap();
        d
    }
}
