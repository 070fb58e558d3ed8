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
    for (name, ok) in [("cgroup v1 memory", cg.memory), ("cgroup v1 pids", cg.pids), ("cgroup v1 cpuacct", cg.cpuacct)] {
        let why = cg.why_not.iter().find(|w| w.contains(name.rsplit(' ').next().unwrap_or(""))).cloned();
        out.push(Feature { name, available: ok, detail: if ok { "writable".into() } else { why.unwrap_or_default() } });
    }
    out
}
