//! What the kernel offers, for `judge doctor`.

/// One kernel feature and its state in words.
#[derive(Debug, Clone)]
pub struct Feature {
    /// `landlock`, `seccomp`, `user namespaces`, `cgroup v1 memory`, ...
    pub name: &'static str,
    /// Whether the feature can be used.
    pub available: bool,
    /// Detail: ABI version, why not.
    pub detail: String,
}

/// Probe the kernel's sandboxing features without changing anything.
pub fn features() -> Vec<Feature> {
    let mut out = Vec::new();
    // landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION) returns the ABI version.
    let abi = unsafe { libc::syscall(libc::SYS_landlock_create_ruleset, std::ptr::null::<u8>(), 0usize, 1u32) };
    out.push(Feature {
        name: "landlock",
        available: abi > 0,
        detail: if abi > 0 {
            format!("ABI {abi}")
        } else {
            format!("not available ({})", std::io::Error::last_os_error())
        },
    });
    let seccomp = unsafe { libc::prctl(libc::PR_GET_SECCOMP, 0, 0, 0, 0) };
    out.push(Feature {
        name: "seccomp",
        available: seccomp >= 0,
        detail: if seccomp >= 0 { "filter mode available".into() } else { "not available".into() },
    });
    let max_userns = std::fs::read_to_string("/proc/sys/user/max_user_namespaces")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or(0);
    out.push(Feature {
        name: "user namespaces",
        available: max_userns > 0,
        detail: format!("max_user_namespaces = {max_userns}"),
    });
    let cg = super::cgroup::CgroupSupport::detect();
    out.push(Feature {
        name: "cgroups",
        available: cg.memory || cg.pids,
        detail: match cg.hint() {
            None => cg.describe(),
            Some(hint) if cg.version.is_some() => format!("{} (partly: {hint})", cg.describe()),
            Some(hint) => format!("none usable: {hint}"),
        },
    });
    if let Some(restricted) = apparmor_restricts_userns() {
        out.push(Feature {
            name: "apparmor userns",
            available: !restricted,
            detail: format!("kernel.apparmor_restrict_unprivileged_userns = {}", u8::from(restricted)),
        });
    }
    out
}

/// `Some(true)` when AppArmor restricts unprivileged user namespaces
/// (`/proc/sys/kernel/apparmor_restrict_unprivileged_userns` = 1, the default
/// on Ubuntu 24.04), `Some(false)` when the switch exists but is off, `None`
/// on kernels without it.
pub fn apparmor_restricts_userns() -> Option<bool> {
    let v = std::fs::read_to_string("/proc/sys/kernel/apparmor_restrict_unprivileged_userns").ok()?;
    Some(v.trim() == "1")
}

/// What to run to lift AppArmor's user-namespace restriction for judge.
pub const APPARMOR_FIX: &str = "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 \
(for good: echo kernel.apparmor_restrict_unprivileged_userns=0 | sudo tee /etc/sysctl.d/60-judge-userns.conf), \
or allow user namespaces for judge alone with a profile /etc/apparmor.d/judge containing \
`abi <abi/4.0>, include <tunables/global> profile judge /path/to/judge flags=(unconfined) { userns, }` \
and `sudo apparmor_parser -r /etc/apparmor.d/judge`";
