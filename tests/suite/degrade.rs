//! A sandbox layer that cannot be set up is reported missing and judging goes
//! on with what holds; it never turns a run into IE. These drive the sandbox
//! library directly, with the `judge` binary as its helper.

use crate::support::judge;
use judge_core::Termination;
use judge_sandbox::{RunSpec, Sandbox};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn sandbox() -> Sandbox {
    Sandbox::new(PathBuf::from(env!("CARGO_BIN_EXE_judge")))
}

/// A directory outside /tmp (which every run gets privately anyway), open to all.
fn open_dir(sb: &Sandbox) -> tempfile::TempDir {
    let d = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    if let Some(uid) = sb.uid() {
        std::os::unix::fs::chown(d.path(), Some(uid), Some(uid)).unwrap();
    }
    d
}

/// A mount over a hidden path that fails (here a namespace file, where a bind
/// mount fails with ENOENT; in a VM, a file on 9p gave EPERM) is one missing
/// `hidden-paths` entry; the other hidden paths are still covered and the
/// program runs.
#[test]
fn a_hidden_path_that_cannot_be_covered_is_reported_not_ie() {
    let sb = sandbox();
    let secret = open_dir(&sb);
    std::fs::write(secret.path().join("secret"), "s3cret-marker").unwrap();
    std::fs::set_permissions(secret.path().join("secret"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let work = open_dir(&sb);
    let script = format!("cat {}/secret; echo ran-to-the-end", secret.path().display());
    let mut spec = RunSpec::new("/bin/sh", vec!["sh".into(), "-c".into(), script], work.path());
    // Without Landlock only the cover keeps the secret out of reach.
    spec.layers.landlock = false;
    let uncoverable = Path::new("/proc/self/ns/net");
    spec.hidden = vec![uncoverable.to_path_buf(), secret.path().to_path_buf()];
    let out = sb.run(&spec).expect("a failed cover must not be a sandbox failure");
    assert_eq!(out.measurement.termination, Termination::Exited(0), "{out:?}");
    let stdout = out.stdout.text();
    assert!(stdout.contains("ran-to-the-end"), "{stdout}");
    assert!(!stdout.contains("s3cret-marker"), "the other hidden path was not covered: {stdout}");
    let missing = out.layers.missing.join("\n");
    assert!(missing.contains("hidden-paths: cannot cover /proc/self/ns/net"), "{missing}");
    assert!(!out.layers.enforced.iter().any(|l| l == "hidden-paths"), "{:?}", out.layers.enforced);
    assert!(out.layers.enforced.iter().any(|l| l == "private-tmp"), "{:?}", out.layers.enforced);
}

/// The same through the whole CLI path is covered by every ordinary run; here
/// `--strict-sandbox` must still refuse when any layer is missing, while
/// `doctor` names the cgroups in use and, without any, how to get them.
#[test]
fn doctor_names_the_cgroups_in_use_and_how_to_get_them() {
    let out = judge().arg("doctor").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\ncgroups: "), "{text}");
    assert!(text.contains("  tried      cgroup v1"), "detection order is shown: {text}");
    let out = judge().env("JUDGE_DISABLE_CGROUPS", "1").arg("doctor").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("cgroups: none"), "{text}");
    assert!(text.contains("disabled by JUDGE_DISABLE_CGROUPS"), "{text}");
    assert!(text.contains("to get them:"), "{text}");
}

/// Where cgroups are in use, the report names their version and mode next to
/// the per-controller layers.
#[test]
fn the_cgroup_version_is_reported_with_the_layers() {
    let sb = sandbox();
    let layers = sb.probe().expect("probe");
    let cg = sb.cgroups();
    if cg.memory {
        assert!(layers.enforced.iter().any(|l| l.starts_with("cgroup v")), "{layers:?}");
        assert!(layers.enforced.iter().any(|l| l == "cgroup-memory"), "{layers:?}");
        assert!(layers.enforced.contains(&cg.describe()), "{layers:?}");
    } else {
        assert!(layers.missing.iter().any(|l| l.starts_with("cgroup")), "{layers:?}");
    }
}
