//! `judge watch`, driving the real binary: piped (one report per run after a
//! `── run N · … ──` line) and on a pseudo-terminal (keys, raw mode restored).
//! Saves are made as editors make them: written in place, or written to a
//! temporary file renamed over the solution. Timeouts are generous: the
//! machine may be loaded; nothing here measures speed.

use crate::support::{judge, repo};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(120);

fn reference() -> String {
    std::fs::read_to_string(repo().join("problems/longest-clean-span/reference/solution.py")).unwrap()
}

fn wrong() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/solutions/longest-clean-span/wa_off_by_one.py")).unwrap()
}

/// A folder with `longest_clean_span.py` holding `source`.
fn workspace(source: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("longest_clean_span.py");
    std::fs::write(&file, source).unwrap();
    (dir, file)
}

/// Save as an editor that writes a temporary file and renames it over the file.
fn rename_save(file: &Path, source: &str) {
    let tmp = file.with_file_name(".longest_clean_span.py.tmp");
    std::fs::write(&tmp, source).unwrap();
    std::fs::rename(&tmp, file).unwrap();
}

/// What a child printed so far, collected by a thread.
fn collect(mut from: impl Read + Send + 'static) -> Arc<Mutex<Vec<u8>>> {
    let buf = Arc::new(Mutex::new(Vec::new()));
    let sink = buf.clone();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        while let Ok(n) = from.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
    });
    buf
}

/// `judge watch` with piped output.
struct Watch {
    child: Child,
    out: Arc<Mutex<Vec<u8>>>,
}

impl Watch {
    fn start(file: &Path, extra: &[&str], uid: Option<u32>) -> Watch {
        let mut cmd = judge();
        if let Some(uid) = uid {
            cmd.env("JUDGE_SANDBOX_UID", uid.to_string());
        }
        let mut child = cmd.arg("watch").arg(file).args(extra).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let out = collect(child.stdout.take().unwrap());
        let _err = collect(child.stderr.take().unwrap());
        Watch { child, out }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.out.lock().unwrap()).into_owned()
    }

    /// Wait until `pred` holds for the output.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let t = self.text();
            if pred(&t) {
                return t;
            }
            assert!(start.elapsed() < WAIT, "timed out waiting for {what}; output so far:\n{t}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Wait for the `n`-th report's summary line.
    fn wait_reports(&self, n: usize) -> String {
        self.wait_for(&format!("{n} reports"), |t| reports(t) >= n)
    }

    /// SIGTERM, then the exit status.
    fn stop(mut self) -> std::process::ExitStatus {
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        self.child.wait().unwrap()
    }
}

/// Runs begun (separator lines).
fn runs(text: &str) -> usize {
    text.matches("── run ").count()
}

/// Reports finished (summary lines: `AC Accepted · …`, `WA Wrong Answer · …`).
fn reports(text: &str) -> usize {
    text.lines().filter(|l| l.contains(" passed · ") && !l.starts_with(' ')).count()
}

#[test]
fn watch_piped_prints_one_report_per_save() {
    let (_dir, file) = workspace(&wrong());
    let w = Watch::start(&file, &["--samples"], None);
    let t = w.wait_reports(1);
    assert!(t.contains("── run 1 ·") && t.contains("start ──"), "{t}");
    assert!(t.contains("WA Wrong Answer"), "{t}");
    assert!(t.contains("First failing case: sample/01-example"), "the first failure's details: {t}");
    // A save written in place: exactly one re-judge.
    std::fs::write(&file, reference()).unwrap();
    let t = w.wait_reports(2);
    assert!(t.contains("── run 2 ·") && t.contains("saved ──"), "{t}");
    assert!(t.split("── run 2").nth(1).unwrap().contains("AC Accepted"), "{t}");
    std::thread::sleep(Duration::from_secs(2));
    let t = w.text();
    assert_eq!((runs(&t), reports(&t)), (2, 2), "one save, one re-judge:\n{t}");
    // Another save, another report.
    std::fs::write(&file, wrong()).unwrap();
    let t = w.wait_reports(3);
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!((runs(&t), reports(&w.text())), (3, 3), "{t}");
    // A compile error: the compiler's first error with its line, as `judge run` shows it.
    std::fs::write(&file, "def longest_clean_span(tokens, banned)\n    return 0\n").unwrap();
    let t = w.wait_for("the CE of run 4", |t| t.split("── run 4").nth(1).is_some_and(|r| r.contains("--- compiler output ---")));
    let run4 = t.split("── run 4").nth(1).unwrap();
    assert!(run4.contains("CE Compilation Error") && run4.contains("longest_clean_span.py:1:39: SyntaxError"), "{t}");
    w.stop();
}

#[test]
fn watch_a_rename_save_rejudges_once() {
    let (dir, file) = workspace(&wrong());
    let w = Watch::start(&file, &["--samples"], None);
    w.wait_reports(1);
    // Other files in the folder are not the solution.
    std::fs::write(dir.path().join("notes.txt"), "unrelated").unwrap();
    rename_save(&file, &reference());
    let t = w.wait_reports(2);
    assert!(t.split("── run 2").nth(1).unwrap().contains("AC Accepted"), "{t}");
    std::thread::sleep(Duration::from_secs(2));
    let t = w.text();
    assert_eq!((runs(&t), reports(&t)), (2, 2), "one rename-save, one re-judge (the unrelated file none):\n{t}");
    // And with --poll, for file systems without events.
    w.stop();
    let w = Watch::start(&file, &["--samples", "--poll", "100"], None);
    w.wait_reports(1);
    rename_save(&file, &wrong());
    let t = w.wait_reports(2);
    assert!(t.split("── run 2").nth(1).unwrap().contains("WA Wrong Answer"), "{t}");
    std::thread::sleep(Duration::from_secs(2));
    let t = w.text();
    assert_eq!((runs(&t), reports(&t)), (2, 2), "--poll: one save, one re-judge:\n{t}");
    w.stop();
}

/// Processes owned by `uid` (the sandbox's, per test).
fn processes_of_uid(uid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let Ok(dir) = std::fs::read_dir("/proc") else { return out };
    for entry in dir.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(status) = std::fs::read_to_string(entry.path().join("status")) else { continue };
        let owner = status.lines().find_map(|l| l.strip_prefix("Uid:")).and_then(|v| v.split_whitespace().next().map(str::to_string));
        if owner.as_deref() == Some(&uid.to_string()) {
            out.push(pid);
        }
    }
    out
}

fn assert_no_process_of(uid: u32, when: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = processes_of_uid(uid);
        if left.is_empty() {
            return;
        }
        assert!(Instant::now() < deadline, "{when}: processes of the sandbox uid remain: {left:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn watch_a_save_during_a_slow_run_kills_it_and_rejudges() {
    let uid = 1_500_000_000 + 990_001;
    let slow = "def longest_clean_span(tokens, banned):\n    while True:\n        pass\n";
    let (_dir, file) = workspace(slow);
    let w = Watch::start(&file, &[], Some(uid));
    // Wait for the slow program to be running in the sandbox.
    let start = Instant::now();
    while processes_of_uid(uid).is_empty() {
        assert!(start.elapsed() < WAIT, "the slow run never started:\n{}", w.text());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(reports(&w.text()), 0, "the slow run is still running: {}", w.text());
    rename_save(&file, &reference());
    let t = w.wait_reports(1);
    let (first, second) = t.split_once("── run 2").unwrap_or_else(|| panic!("no second run:\n{t}"));
    assert!(first.contains("cancelled"), "the slow run was cancelled, not judged: {t}");
    assert!(!first.contains("TLE"), "the slow run was killed before its time limit: {t}");
    assert!(second.contains("AC Accepted · 17/17 passed"), "{t}");
    assert_no_process_of(uid, "after the cancelled run");
    // A slow run again, then SIGTERM: nothing left either.
    rename_save(&file, slow);
    let start = Instant::now();
    while processes_of_uid(uid).is_empty() {
        assert!(start.elapsed() < WAIT, "the second slow run never started:\n{}", w.text());
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = w.stop();
    assert_eq!(status.code(), Some(143), "SIGTERM: 128 + 15");
    assert_no_process_of(uid, "after SIGTERM");
}

/// The terminal settings of a pty's slave side.
fn lflags(fd: &std::os::fd::OwnedFd) -> nix::sys::termios::LocalFlags {
    nix::sys::termios::tcgetattr(fd).unwrap().local_flags
}

#[test]
fn watch_on_a_terminal_redraws_and_q_restores_the_terminal() {
    use nix::sys::termios::LocalFlags;
    let uid = 1_500_000_000 + 990_002;
    let (_dir, file) = workspace(&wrong());
    for quit in [b"q", b"\x03"] {
        let pty = nix::pty::openpty(None, None).unwrap();
        let before = lflags(&pty.slave);
        assert!(before.contains(LocalFlags::ICANON | LocalFlags::ECHO));
        let dup = |fd: &std::os::fd::OwnedFd| Stdio::from(fd.try_clone().unwrap());
        let mut child = judge()
            .env("TERM", "xterm-256color")
            .env("JUDGE_SANDBOX_UID", uid.to_string())
            .arg("watch")
            .arg(&file)
            .arg("--samples")
            .stdin(dup(&pty.slave))
            .stdout(dup(&pty.slave))
            .stderr(dup(&pty.slave))
            .spawn()
            .unwrap();
        let master = std::fs::File::from(pty.master);
        let mut keys = master.try_clone().unwrap();
        let out = collect(master);
        let text = || String::from_utf8_lossy(&out.lock().unwrap()).into_owned();
        let wait = |what: &str, pred: &dyn Fn(&str) -> bool| {
            let start = Instant::now();
            while !pred(&text()) {
                assert!(start.elapsed() < WAIT, "timed out waiting for {what}:\n{}", text());
                std::thread::sleep(Duration::from_millis(50));
            }
        };
        wait("the first report", &|t| t.contains("WA Wrong Answer"));
        let t = text();
        assert!(t.contains("\x1b[2J"), "the screen is cleared: {t:?}");
        assert!(t.contains("judge watch · longest-clean-span · ") && t.contains("WA 0/3"), "status line: {t}");
        assert!(t.contains("q quit"), "keys: {t}");
        // Raw mode while watching: no echo, no line buffering, Ctrl-C a key.
        let raw = lflags(&pty.slave);
        assert!(!raw.intersects(LocalFlags::ICANON | LocalFlags::ECHO | LocalFlags::ISIG), "{raw:?}");
        // `r` re-judges (the screen is redrawn with run 2).
        keys.write_all(b"r").unwrap();
        wait("run 2", &|t| t.contains("run 2 at"));
        keys.write_all(quit).unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            assert!(start.elapsed() < WAIT, "{quit:?} did not quit:\n{}", text());
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(status.code(), Some(0), "{quit:?}: {}", text());
        assert_eq!(lflags(&pty.slave), before, "{quit:?}: the terminal is restored");
        assert_no_process_of(uid, "after quitting");
    }
}

/// Copy a folder tree (the problem registry) into `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn watch_a_change_to_the_problem_reloads_it() {
    let (dir, file) = workspace(&reference());
    let reg = dir.path().join("registry");
    copy_tree(&repo().join("problems/longest-clean-span"), &reg.join("longest-clean-span"));
    let w = Watch::start(&file, &["--samples", "--problems", reg.to_str().unwrap()], None);
    let t = w.wait_reports(1);
    assert!(t.contains("AC Accepted · 3/3"), "{t}");
    // The sample's expected answer changes: the problem is reloaded and the
    // unchanged solution re-judged against it.
    std::fs::write(reg.join("longest-clean-span/cases/sample/01-example.ans"), "4\n").unwrap();
    let t = w.wait_reports(2);
    let run2 = t.split("── run 2").nth(1).unwrap_or_else(|| panic!("{t}"));
    assert!(run2.contains("problem changed") && run2.contains("expected 4, got 3"), "{t}");
    // A broken manifest is an error on screen; watching goes on.
    std::fs::write(reg.join("longest-clean-span/problem.toml"), "id = \n").unwrap();
    let t = w.wait_for("the manifest error", |t| t.contains("judge: error (run "));
    assert!(t.contains("problem.toml"), "the error names the file: {t}");
    std::fs::copy(repo().join("problems/longest-clean-span/problem.toml"), reg.join("longest-clean-span/problem.toml")).unwrap();
    let t = w.wait_reports(3);
    assert!(t.rsplit("── run ").next().is_some_and(|r| r.contains("WA Wrong Answer · 2/3")), "the last run, on the repaired problem: {t}");
    w.stop();
}
