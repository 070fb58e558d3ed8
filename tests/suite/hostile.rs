//! The hostile-submission suite (`tests/hostile/`): one submission per attack,
//! the verdict it must get, and post-conditions checked after every run:
//! no process of the run remains (zombies included), nothing appeared
//! outside its work directory, and an ordinary AC submission judged right
//! after still gets AC.
//!
//! Each test runs its submissions under its own sandbox uid
//! (`JUDGE_SANDBOX_UID`), so leftovers are attributed to the right test even
//! when tests run in parallel. The fork bombs run only after
//! `process_cap_holds_then_fork_bombs_are_contained` has shown, in the same
//! test and with a cap of 8, that the cap holds.

use crate::support::{judge, processes_of_uid, repo, uid_for};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn registry() -> PathBuf {
    repo().join("tests/hostile/problems")
}

fn hostile(file: &str) -> PathBuf {
    repo().join("tests/hostile/solutions").join(file)
}


struct Attack {
    uid: u32,
    marker: String,
}

impl Attack {
    fn new(test: &str) -> Attack {
        Attack { uid: uid_for(test), marker: format!("judge-hostile-{test}-{}", std::process::id()) }
    }

    /// Write `file` with its placeholders filled into a temp dir.
    fn instantiate(&self, file: &str, dir: &Path) -> PathBuf {
        let text = std::fs::read_to_string(hostile(file)).unwrap();
        let ans = registry().join("hostile-probe/cases/hidden/01.ans");
        let text = text
            .replace("@HIDDEN_ANS@", &ans.display().to_string())
            .replace("@JUDGE_BIN@", env!("CARGO_BIN_EXE_judge"))
            .replace("@MARKER@", &self.marker);
        let out = dir.join(file);
        std::fs::write(&out, text).unwrap();
        out
    }

    fn run(&self, problem: &str, file: &Path, extra: &[&str]) -> Value {
        let out = judge()
            .env("JUDGE_SANDBOX_UID", self.uid.to_string())
            .arg("run")
            .arg(file)
            .args(["-p", problem, "--format", "json", "--reveal", "--problems"])
            .arg(registry())
            .args(extra)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!("no JSON report ({e}): {stdout}\nstderr: {}", String::from_utf8_lossy(&out.stderr))
        })
    }

    /// Judge `file`, check its verdict is one of `verdicts`, then every post-condition.
    fn expect(&self, problem: &str, file: &Path, verdicts: &[&str]) -> Value {
        self.expect_with(problem, file, verdicts, &[])
    }

    /// [`Attack::expect`] with extra flags.
    fn expect_with(&self, problem: &str, file: &Path, verdicts: &[&str], extra: &[&str]) -> Value {
        let report = self.run(problem, file, extra);
        let v = report["verdict"].as_str().unwrap_or("?");
        assert!(verdicts.contains(&v), "{}: expected {verdicts:?}, got {v}\n{report:#}", file.display());
        self.post_conditions();
        report
    }

    fn post_conditions(&self) {
        // No process of the run remains, zombies included (short grace for the
        // kernel to tear the namespace down).
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let left = processes_of_uid(self.uid);
            if left.is_empty() {
                break;
            }
            assert!(Instant::now() < deadline, "processes of the run survived it: {left:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
        // Nothing written outside the work directory reached the host.
        for dir in ["/tmp", "/var/tmp", "/dev/shm"] {
            let p = Path::new(dir).join(&self.marker);
            assert!(!p.exists(), "the run wrote {} on the host", p.display());
        }
        for name in ["/etc/judge-hostile", "/usr/judge-hostile", "/judge-hostile"] {
            assert!(!Path::new(name).exists(), "the run wrote {name}");
        }
        // The host still answers, and an ordinary submission is judged normally.
        let start = Instant::now();
        let report = self.run("hostile-probe", &hostile("probe_ok.py"), &[]);
        assert_eq!(report["verdict"], "AC", "an ordinary AC after the attack: {report:#}");
        assert!(start.elapsed() < Duration::from_secs(30), "the judge is still responsive");
    }
}


fn actual(report: &Value) -> String {
    report["cases"][0]["details"]["actual"].as_str().unwrap_or("").to_string()
}

#[test]
fn process_cap_holds_then_fork_bombs_are_contained() {
    let a = Attack::new("forkbomb");
    // First prove the cap with a small one: 100 forks under a cap of 8.
    let report = a.expect("hostile-cap", &hostile("fork_cap.py"), &["AC"]);
    assert_eq!(report["cases"][0]["verdict"], "AC", "the process cap did not hold: {}", actual(&report));
    // Only then the bombs (case 19 and a Python one).
    let report = a.expect("hostile-stdio", &hostile("fork_bomb.cpp"), &["TLE", "RE"]);
    assert!(report["cases"][0]["wall_ms"].as_u64().unwrap() < 10_000, "{report:#}");
    a.expect("hostile-probe", &hostile("fork_bomb.py"), &["TLE", "RE", "MLE"]);
}

#[test]
fn memory_bomb_is_mle() {
    let a = Attack::new("membomb");
    a.expect("hostile-probe", &hostile("memory_bomb.cpp"), &["MLE"]);
}

#[test]
fn a_gigabyte_of_output_is_ole_quickly() {
    let a = Attack::new("gigabyte");
    let report = a.expect("hostile-stdio", &hostile("gigabyte_output.cpp"), &["OLE"]);
    assert!(report["cases"][0]["wall_ms"].as_u64().unwrap() < 3000, "{report:#}");
}

#[test]
fn busy_loop_sleep_and_ignored_sigxcpu_are_tle() {
    let a = Attack::new("time");
    let r = a.expect("hostile-probe", &hostile("busy_loop.cpp"), &["TLE"]);
    assert_cpu_bound_tle(&r);
    let r = a.expect("hostile-probe", &hostile("ignore_sigxcpu.cpp"), &["TLE"]);
    assert_cpu_bound_tle(&r);
    let r = a.expect("hostile-probe", &hostile("endless_sleep.py"), &["TLE"]);
    let c = &r["cases"][0];
    assert_eq!(c["cause"]["kind"], "wall_limit");
    assert!(c["message"].as_str().unwrap().contains("sleeping or blocked"), "{c:#}");
}

/// A CPU-bound program is TLE by its CPU limit, however busy the machine is
/// (time spent waiting for a CPU is not charged against the wall limit). Only
/// a machine so busy that the run waited past the cap on that allowance (3 ×
/// the wall limit) may end it at the wall limit, and then the explanation
/// must say that the machine was busy, never that the program slept.
fn assert_cpu_bound_tle(r: &Value) {
    let c = &r["cases"][0];
    if c["cause"]["kind"] == "cpu_limit" {
        return;
    }
    assert_eq!(c["cause"]["kind"], "wall_limit", "{r:#}");
    let message = c["message"].as_str().unwrap();
    assert!(message.contains("the machine was busy") && !message.contains("sleeping"), "{r:#}");
    assert!(c["wait_ms"].as_u64().unwrap() >= 3 * c["cause"]["limit_ms"].as_u64().unwrap() - 100, "{r:#}");
}

#[test]
fn cpu_of_children_never_waited_for_counts() {
    let a = Attack::new("unwaited");
    let r = a.expect("hostile-probe", &hostile("unwaited_children.cpp"), &["TLE"]);
    assert_cpu_bound_tle(&r);
    // Without cgroups too: the PID namespace lets the helper count every process.
    let out = judge()
        .env("JUDGE_SANDBOX_UID", a.uid.to_string())
        .env("JUDGE_DISABLE_CGROUPS", "1")
        .arg("run")
        .arg(hostile("unwaited_children.cpp"))
        .args(["-p", "hostile-probe", "--format", "json", "--problems"])
        .arg(registry())
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["verdict"], "TLE", "{r:#}");
    a.post_conditions();
}

#[test]
fn no_network() {
    let a = Attack::new("network");
    let r = a.expect("hostile-probe", &hostile("network.py"), &["AC"]);
    assert_eq!(r["cases"][0]["verdict"], "AC", "{}", actual(&r));
}

#[test]
fn filesystem_is_confined() {
    let a = Attack::new("filesystem");
    let dir = tempfile::tempdir().unwrap();
    let file = a.instantiate("filesystem.py", dir.path());
    let r = a.expect("hostile-probe", &file, &["AC", "WA"]);
    assert_eq!(r["verdict"], "AC", "breaches: {}", actual(&r));
}

/// With `--isolate` every case has its own process and its own private
/// /tmp, /var/tmp and /dev/shm. (By default the cases of one group share a
/// process, and with it its memory and these directories: see
/// `batch::samples_and_hidden_cases_never_share_a_process`.)
#[test]
fn tmp_and_shm_are_private_to_each_case() {
    let a = Attack::new("state");
    let r = a.expect_with("hostile-state", &hostile("state.py"), &["AC", "WA"], &["--isolate"]);
    assert_eq!(r["verdict"], "AC", "state leaked from one case to the next: {r:#}");
}

#[test]
fn daemons_and_orphans_do_not_outlive_the_run() {
    let a = Attack::new("daemon");
    let dir = tempfile::tempdir().unwrap();
    let file = a.instantiate("daemon.py", dir.path());
    a.expect("hostile-probe", &file, &["AC"]);
    assert!(crate::support::live_processes_with(&a.marker).is_empty());
}

#[test]
fn kill_everything_from_inside_harms_only_the_run() {
    let a = Attack::new("killall");
    a.expect("hostile-probe", &hostile("kill_everything.cpp"), &["AC", "RE"]);
}

#[test]
fn ptrace_mount_and_unshare_are_denied() {
    let a = Attack::new("ptrace");
    let r = a.expect("hostile-probe", &hostile("ptrace_parent.cpp"), &["AC", "WA"]);
    assert_eq!(r["verdict"], "AC", "{}", actual(&r));
}

#[test]
fn closing_stdout_and_stderr() {
    let a = Attack::new("closefds");
    a.expect("hostile-probe", &hostile("close_stdio.cpp"), &["AC"]);
}

#[test]
fn forged_results_are_never_ac() {
    let a = Attack::new("forge");
    let r = a.expect("hostile-probe", &hostile("forge_result.py"), &["RE"]);
    assert!(r["cases"][0]["message"].as_str().unwrap().contains("more than one result"), "{r:#}");
    a.expect("hostile-probe", &hostile("forge_and_exit.py"), &["WA"]);
}

/// Case 27 (LemonLime#64): hunting for the answer file finds nothing readable.
#[test]
fn case27_answer_snooping_finds_nothing() {
    let a = Attack::new("snoop");
    let r = a.expect("snooping", &hostile("snoop_answers.py"), &["WA"]);
    let stderr = r["cases"][0]["details"]["stderr"].as_str().unwrap_or("");
    let data_dir = registry().join("snooping").display().to_string();
    assert!(!stderr.contains(&data_dir), "test data was readable: {stderr}");
}

#[test]
fn sandbox_layers_are_reported() {
    let a = Attack::new("layers");
    let r = a.run("hostile-probe", &hostile("probe_ok.py"), &[]);
    let enforced: Vec<String> =
        r["sandbox"]["enforced"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    for layer in ["pid-namespace", "mount-namespace", "network-namespace", "seccomp", "landlock", "private-tmp"] {
        assert!(enforced.iter().any(|l| l == layer), "{layer} not enforced: {r:#}");
    }
    if nix_is_root() {
        assert!(enforced.iter().any(|l| l == "unprivileged-uid"));
    }
}

fn nix_is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("Uid:"))
        .is_some_and(|l| l.split_whitespace().nth(1) == Some("0"))
}

/// A directory chain deeper than any open-file limit, with data at the
/// bottom, leaves nothing on the host: the work directory is a private tmpfs.
#[test]
fn deep_trees_leave_nothing_behind() {
    let a = Attack::new("deeptree");
    let tmp = tempfile::tempdir().unwrap();
    let out = judge()
        .env("JUDGE_SANDBOX_UID", a.uid.to_string())
        .env("TMPDIR", tmp.path())
        .arg("run")
        .arg(hostile("deep_tree.py"))
        .args(["-p", "hostile-probe", "--format", "json", "--problems"])
        .arg(registry())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["verdict"], "AC", "{report:#}");
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().map(|e| e.path()).collect();
    assert!(left.is_empty(), "the run left {left:?}");
    a.post_conditions();
}

/// A hidden case's data does not leave through an exception message.
#[test]
fn hidden_case_exception_messages_are_masked() {
    let a = Attack::new("leakargs");
    let report = a.run("hostile-probe", &hostile("leak_args.py"), &[]);
    let report_plain = {
        let out = judge()
            .env("JUDGE_SANDBOX_UID", a.uid.to_string())
            .arg("run")
            .arg(hostile("leak_args.py"))
            .args(["-p", "hostile-probe", "--format", "json", "--problems"])
            .arg(registry())
            .output()
            .unwrap();
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    assert!(report.to_string().contains("the secret input is 42"), "--reveal shows it: {report}");
    assert!(!report_plain.to_string().contains("secret input"), "leaked without --reveal: {report_plain}");
    assert_eq!(report_plain["verdict"], "RE");
}

/// A grandchild holding stdout open neither stalls the verdict nor survives.
#[test]
fn grandchild_holding_stdout() {
    let a = Attack::new("grandchild");
    let dir = tempfile::tempdir().unwrap();
    let file = a.instantiate("grandchild_holds_stdout.py", dir.path());
    let start = Instant::now();
    a.expect("hostile-probe", &file, &["AC"]);
    assert!(start.elapsed() < Duration::from_secs(60), "the judge waited for the grandchild");
    assert!(crate::support::live_processes_with(&a.marker).is_empty());
}

/// Patching the driver's builtins, operator and json and forging a verdict on
/// stdout does not turn a wrong answer into AC.
#[test]
fn patched_builtins_do_not_change_the_verdict() {
    let a = Attack::new("builtins");
    a.expect("hostile-probe", &hostile("patch_builtins.py"), &["WA"]);
}

/// Page-cache probes of a world-readable file (`fadvise64`, `readahead`,
/// `mincore`, `cachestat`, `preadv2`/`pwritev2` with `RWF_NOWAIT`, `madvise`
/// WILLNEED/COLD/PAGEOUT) all fail; `MADV_DONTNEED` still works; the mounts
/// the program sees are `noatime` (root only: a user namespace locks them).
#[test]
fn page_cache_probes_are_denied() {
    let a = Attack::new("pagecache");
    let r = a.expect("hostile-probe", &hostile("page_cache_probes.cpp"), &["AC", "WA"]);
    let got = actual(&r);
    if nix_is_root() {
        assert_eq!(r["verdict"], "AC", "probes that worked: {got}\n{r:#}");
    } else {
        let rest = got.replace("atime: / is not noatime; ", "");
        assert!(r["verdict"] == "AC" || rest.is_empty(), "probes that worked: {got}\n{r:#}");
    }
}

/// Case 1 tries to leave a bit in the page cache of a world-readable file,
/// case 2 tries to read it back: neither can do either, so both return 0.
#[test]
fn page_cache_channel_between_cases_fails() {
    let a = Attack::new("pagechannel");
    let r = a.expect_with("hostile-state", &hostile("page_cache_channel.cpp"), &["AC", "WA"], &["--isolate"]);
    assert_eq!(r["verdict"], "AC", "the page cache carried state between cases: {r:#}");
    assert_eq!(r["cases"].as_array().map(Vec::len), Some(2), "{r:#}");
}

/// Bytes of disk `dir` holds (allocated blocks), everything below it.
fn disk_usage(dir: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let Ok(m) = e.path().symlink_metadata() else { continue };
            total += m.blocks() * 512;
            if m.is_dir() {
                stack.push(e.path());
            }
        }
    }
    total
}

/// Huge initialised static arrays are compiled in the compiler's private
/// tmpfs: the judge's temp dir (polled while it runs) never grows past a few
/// MiB; a 400 MiB array fills the tmpfs (CE naming the user's file, no temp
/// path), a 200 MiB one links but is over the size taken out (CE), never IE.
#[test]
fn huge_compiler_output_stays_off_the_host_disk() {
    let a = Attack::new("hugebinary");
    let tmp = tempfile::tempdir().unwrap();
    for (file, why) in [
        ("huge_static_array.cpp", "No space left on device"),
        ("big_static_array.cpp", "the compiled program is larger than 128 MiB"),
    ] {
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let poller = {
            let (done, dir) = (done.clone(), tmp.path().to_path_buf());
            std::thread::spawn(move || {
                let mut peak = 0;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    peak = peak.max(disk_usage(&dir));
                    std::thread::sleep(Duration::from_millis(20));
                }
                peak
            })
        };
        let out = judge()
            .env("JUDGE_SANDBOX_UID", a.uid.to_string())
            .env("TMPDIR", tmp.path())
            .arg("run")
            .arg(hostile(file))
            .args(["-p", "hostile-stdio", "--format", "json", "--problems"])
            .arg(registry())
            .output()
            .unwrap();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let peak = poller.join().unwrap();
        let report: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)));
        assert_eq!(report["verdict"], "CE", "{file}: {report:#}");
        let compile = report["compile"].to_string();
        assert!(compile.contains(why), "{file}: {compile}");
        assert!(!compile.contains(&tmp.path().display().to_string()), "{file}: a temp path in the log: {compile}");
        assert!(peak < 8 << 20, "{file}: the judge's temp dir grew to {} KiB", peak >> 10);
        eprintln!("{file}: peak of the judge's temp dir {} KiB", peak >> 10);
    }
    a.post_conditions();
}

/// SIGINT, SIGTERM and SIGHUP while a program runs: the judge exits with 128 +
/// the signal, no process of the run remains and no `judge-*` directory is
/// left in TMPDIR.
#[test]
fn interrupts_end_the_run_and_remove_its_directory() {
    use std::os::unix::fs::PermissionsExt;
    for (sig, name) in [(libc::SIGINT, "sigint"), (libc::SIGTERM, "sigterm"), (libc::SIGHUP, "sighup")] {
        let uid = uid_for(&format!("interrupt-{name}"));
        let tmp = tempfile::tempdir().unwrap();
        // The run directory's parent must be open to the sandbox uid.
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut child = judge()
            .env("JUDGE_SANDBOX_UID", uid.to_string())
            .env("TMPDIR", tmp.path())
            .arg("run")
            .arg(hostile("endless_sleep.py"))
            .args(["-p", "hostile-probe", "--format", "json", "--problems"])
            .arg(registry())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait for the program (it sleeps for an hour under a 5 s wall limit;
        // the syntax check before it is quick).
        let deadline = Instant::now() + Duration::from_secs(60);
        while processes_of_uid(uid).is_empty() {
            assert!(Instant::now() < deadline, "{name}: the program never started");
            assert!(child.try_wait().unwrap().is_none(), "{name}: the judge ended before the program started");
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(500));
        assert!(!processes_of_uid(uid).is_empty(), "{name}: the program is running");
        unsafe { libc::kill(child.id() as libc::pid_t, sig) };
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            assert!(Instant::now() < deadline, "{name}: the judge did not exit");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(status.code(), Some(128 + sig), "{name}: {status:?}");
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let left = processes_of_uid(uid);
            if left.is_empty() {
                break;
            }
            assert!(Instant::now() < deadline, "{name}: processes of the run survived the judge: {left:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert!(left.is_empty(), "{name}: left in TMPDIR: {left:?}");
        // Nor the run's cgroups (named run-<judge pid>-<n>, where cgroup v1 is used).
        let prefix = format!("run-{}-", child.id());
        for controller in ["memory", "pids", "cpuacct"] {
            let Ok(dir) = std::fs::read_dir(Path::new("/sys/fs/cgroup").join(controller).join("judge")) else { continue };
            let left: Vec<_> = dir.flatten().map(|e| e.file_name()).filter(|n| n.to_string_lossy().starts_with(&prefix)).collect();
            assert!(left.is_empty(), "{name}: cgroups left in {controller}: {left:?}");
        }
    }
}
