//! Issue 7: hidden data stays hidden, a solution cannot fake the report, and
//! the judge's own work stays bounded. Each test drives the real binary with
//! a hostile submission from `tests/hostile/solutions` against the fixture
//! problems `hostile-secrets` (function), `hostile-secrets-stdio` and
//! `hostile-biglist`, whose hidden inputs hold the markers below.

use crate::support::{judge, repo};
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The distinctive part of every hidden input of the fixtures.
const SECRETS: &[&str] = &["SECRETalpha", "SECRETbravo", "SECRETcharlie", "7731", "0042", "5150"];

fn registry() -> PathBuf {
    repo().join("tests/hostile/problems")
}

fn hostile(file: &str) -> PathBuf {
    repo().join("tests/hostile/solutions").join(file)
}

/// Stdout and stderr of `judge run FILE -p PROBLEM` in the given format, plus `extra` flags.
fn run(problem: &str, file: &str, format: &str, extra: &[&str]) -> (String, String) {
    let out = judge()
        .arg("run")
        .arg(hostile(file))
        .args(["-p", problem, "--format", format, "--problems"])
        .arg(registry())
        .args(extra)
        .output()
        .expect("run judge");
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Judge `file` in both formats without --reveal: no secret anywhere in the
/// output; then with --reveal (JSON) the attack must have been real, i.e.
/// the secret shows there — so the test cannot pass by the attack failing.
fn assert_no_leak(problem: &str, file: &str, verdicts: &[&str]) {
    for format in ["human", "json"] {
        let (stdout, stderr) = run(problem, file, format, &[]);
        for s in SECRETS {
            assert!(!stdout.contains(s) && !stderr.contains(s), "{file} leaked `{s}` ({format}):\n{stdout}\n{stderr}");
        }
        if format == "json" {
            let report: serde_json::Value = serde_json::from_str(&stdout).expect("a JSON report");
            let v = report["verdict"].as_str().unwrap_or("?").to_string();
            assert!(verdicts.contains(&v.as_str()), "{file}: verdict {v}, expected {verdicts:?}: {report:#}");
        }
    }
    let (revealed, _) = run(problem, file, "json", &["--reveal"]);
    assert!(SECRETS.iter().any(|s| revealed.contains(s)), "{file}: the attack did not carry the secret even with --reveal: {revealed}");
}

#[test]
fn exception_type_names_do_not_leak() {
    assert_no_leak("hostile-secrets", "leak_exception_type.py", &["RE"]);
    let (json, _) = run("hostile-secrets", "leak_exception_type.py", "json", &[]);
    assert!(json.contains("type defined by the solution"), "{json}");
}

#[test]
fn memory_cause_does_not_leak() {
    assert_no_leak("hostile-secrets", "leak_memory_type.py", &["MLE"]);
}

#[test]
fn a_report_forged_on_fd3_does_not_leak() {
    assert_no_leak("hostile-secrets", "leak_fd3.cpp", &["RE", "MLE"]);
    assert_no_leak("hostile-secrets", "leak_fd3_value.py", &["RE", "WA"]);
    // The exit code the forger chose is not shown either.
    let (json, _) = run("hostile-secrets", "leak_fd3.cpp", "json", &[]);
    assert!(!json.contains("exit code 17"), "{json}");
}

#[test]
fn fake_crash_text_on_stderr_does_not_leak() {
    assert_no_leak("hostile-secrets-stdio", "leak_stderr.py", &["RE"]);
}

#[test]
fn ordinary_solutions_still_pass() {
    let (json, _) = run("hostile-secrets", "secret_len_ok.py", "json", &[]);
    assert!(json.contains("\"verdict\": \"AC\""), "{json}");
    let (json, _) = run("hostile-secrets-stdio", "secret_len_ok_stdio.py", "json", &[]);
    assert!(json.contains("\"verdict\": \"AC\""), "{json}");
}

/// Run `judge` on a pseudo-terminal (colours on) and return all it printed.
fn on_pty(args: &[&str]) -> Vec<u8> {
    use std::os::fd::OwnedFd;
    let pty = nix::pty::openpty(None, None).expect("openpty");
    let slave = pty.slave;
    let dup = |fd: &OwnedFd| -> Stdio { Stdio::from(fd.try_clone().expect("dup")) };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_judge"));
    cmd.env_remove("NO_COLOR").env_remove("JUDGE_PROBLEMS").env("TERM", "xterm-256color");
    cmd.args(args).stdin(dup(&slave)).stdout(dup(&slave)).stderr(dup(&slave));
    let mut child = cmd.spawn().expect("spawn judge");
    // Every copy of the slave side must go, or reading the master never ends.
    drop(cmd);
    drop(slave);
    let mut master = std::fs::File::from(pty.master);
    let mut out = Vec::new();
    let mut buf = [0u8; 65536];
    // EIO once the last slave descriptor is closed (the judge exited).
    while let Ok(n) = master.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    let _ = child.wait();
    out
}

/// Every ESC in `out` must start an SGR sequence (`ESC [ digits ; … m`, the
/// reporter's colours) or `ESC [ K` (erasing its own status line); no C1
/// control, BEL, backspace or bidi override.
fn assert_terminal_clean(out: &[u8]) {
    let text = String::from_utf8_lossy(out);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b {
            let rest = &bytes[i + 1..];
            let ok = rest.first() == Some(&b'[') && {
                let end = rest[1..].iter().position(|b| !(b.is_ascii_digit() || *b == b';'));
                // The reporter's own: colours (SGR, `m`) and erasing its status line (`K`).
                matches!(end.map(|e| rest[1 + e]), Some(b'm' | b'K'))
            };
            assert!(ok, "a raw escape sequence reached the terminal at byte {i}: {:?}", &text[i..(i + 40).min(text.len())]);
        }
        i += 1;
    }
    for c in text.chars() {
        assert!(
            !(('\u{80}'..='\u{9f}').contains(&c) || c == '\u{7}' || c == '\u{8}' || ('\u{202a}'..='\u{202e}').contains(&c)),
            "a raw control U+{:04X} reached the terminal:\n{text}",
            c as u32
        );
    }
}

#[test]
fn terminal_escapes_from_the_solution_are_shown_not_obeyed() {
    let reg = registry();
    let reg = reg.to_str().unwrap();
    let file = hostile("terminal_escapes.py");
    let out = on_pty(&["run", file.to_str().unwrap(), "-p", "hostile-secrets", "--problems", reg]);
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("\\e[2J"), "the escape is shown as text: {text}");
    assert_terminal_clean(&out);
    // A compile log carrying escapes.
    let file = hostile("terminal_escapes_ce.cpp");
    let out = on_pty(&["run", file.to_str().unwrap(), "-p", "hostile-secrets", "--problems", reg]);
    assert!(String::from_utf8_lossy(&out).contains("CE"), "{}", String::from_utf8_lossy(&out));
    assert_terminal_clean(&out);
}

#[test]
fn json_reports_stay_exact_and_terminal_safe() {
    let (json, _) = run("hostile-secrets", "terminal_escapes.py", "json", &[]);
    assert!(!json.chars().any(|c| c.is_control() && c != '\n' || ('\u{202a}'..='\u{202e}').contains(&c)), "{json}");
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let stdout = report["cases"][0]["details"]["stdout"].as_str().unwrap_or("");
    assert!(stdout.contains("\u{1b}[2J") && stdout.contains('\u{9b}') && stdout.contains('\u{202e}'), "exact: {stdout:?}");
}

/// Peak resident memory (VmHWM, KiB) of the judge process itself while it
/// judges a solution that writes a 16 MB result.
#[test]
fn a_huge_result_does_not_grow_the_judge() {
    let mut child = judge()
        .arg("run")
        .arg(hostile("big_result.cpp"))
        .args(["-p", "hostile-biglist", "--format", "json", "--reveal", "--problems"])
        .arg(registry())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0u64;
    let start = Instant::now();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    while child.try_wait().unwrap().is_none() {
        if let Ok(text) = std::fs::read_to_string(&status) {
            if let Some(kib) = text.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.split_whitespace().next()?.parse().ok()) {
                peak_kib = peak_kib.max(kib);
            }
        }
        assert!(start.elapsed() < Duration::from_secs(300), "the judge did not finish");
        std::thread::sleep(Duration::from_millis(5));
    }
    let json = reader.join().unwrap();
    assert!(json.contains("\"verdict\": \"RE\""), "{json}");
    assert!(json.contains("larger than the judge reads"), "{json}");
    assert!(peak_kib < 150 * 1024, "the judge grew to {peak_kib} KiB");
}
