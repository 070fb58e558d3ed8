//! Linux implementation: the helper (namespaces, mounts, rlimits, privilege
//! drop, watchdog), cgroups, and the judge-side run loop.

pub mod cgroup;
pub mod filter;
pub mod gpu;
pub mod helper;
pub mod kernel;
pub mod run;
pub mod session;

/// Whether the current process runs with effective uid 0.
pub fn is_root() -> bool {
    nix::unistd::geteuid().is_root()
}
