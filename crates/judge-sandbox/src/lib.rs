//! Runs one command under limits and reports what it used. Knows nothing of
//! problems, languages or verdicts beyond the measurement it hands back.
//!
//! # How a run is set up
//! The judge never configures a child inside its own (multi-threaded) process.
//! It re-executes its own binary through the hidden subcommand
//! [`HELPER_SUBCOMMAND`] (as cargo-nextest does); that fresh single-threaded
//! helper reads a [`RunSpec`] from fd 3, joins the run's cgroups, enters new
//! PID and mount namespaces, forks an init (PID 1 of the namespace) which
//! makes the interpreter reachable, forks the program, drops to an
//! unprivileged uid, applies rlimits and execs it. The init watches CPU and
//! wall time, collects `wait4` rusage, kills every process of the namespace
//! when the main process ends, and writes a [`HelperReport`] on fd 4.
//!
//! The judge side ([`Sandbox::run`]) drains stdout, stderr and the optional
//! result channel concurrently with `poll(2)` (so no pipe can deadlock and a
//! grandchild holding a pipe cannot make it wait), enforces the output limit,
//! reads cgroup counters and removes the cgroup.
//!
//! Platform code lives in [`linux`]; the crate builds only on Linux.

pub mod cleanup;
mod cancel;
pub mod linux;
mod spec;

pub use cancel::CancelToken;
pub use linux::cgroup::{CgroupSupport, CgroupVersion};
pub use linux::gpu::{Gpu, GpuStatus};
pub use linux::kernel::{apparmor_restricts_userns, features, Feature, APPARMOR_FIX};
pub use linux::run::{Captured, Outcome, Sandbox, SandboxError};
pub use linux::session::{CaseOutcome, CaseRequest, Session, Violation};
pub use spec::{Collect, Collected, HelperReport, Layers, RunSpec, StdinSource, SEED_MAX_BYTES};

/// The hidden subcommand the judge binary answers by becoming the sandbox
/// helper. A binary that embeds the sandbox must call [`helper_main`] when its
/// first argument equals this.
pub const HELPER_SUBCOMMAND: &str = "__sandbox-helper";

/// Entry point of the sandbox helper process; never returns.
pub fn helper_main() -> ! {
    linux::helper::main()
}
