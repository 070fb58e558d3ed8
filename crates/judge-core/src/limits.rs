//! Resource limits of one run.

use serde::{Deserialize, Serialize};

/// Limits applied to one execution of a submission (one case).
///
/// Units: milliseconds, KiB and bytes as named. Defaults are those of a typical
/// practice problem: 2 s CPU, 256 MiB, 64 MiB of output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// CPU time limit (user + sys) in ms: the problem's time limit.
    pub time_ms: u64,
    /// Wall-clock limit in ms; catches sleeping or blocked programs. Time spent
    /// waiting for a CPU on a busy machine is not charged against it (up to
    /// [`WAIT_ALLOWANCE_FACTOR`] × this limit): see [`Limits::charged_wall_ms`].
    pub wall_ms: u64,
    /// Memory limit in KiB (peak resident memory of the run).
    pub memory_kib: u64,
    /// Output limit in bytes, applied to stdout (stderr is drained and never
    /// limited; files are limited by `file_size_bytes`).
    pub output_bytes: u64,
    /// Largest file the program may write, in bytes.
    pub file_size_bytes: u64,
    /// Maximum number of open file descriptors.
    pub open_files: u64,
    /// Maximum number of processes/threads the run may have at once.
    pub processes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits::from_time_memory(2000, 256 * 1024)
    }
}

/// How much run-queue wait (time a run's processes were runnable but waiting
/// for a CPU, because the machine was busy) is not charged against the wall
/// limit, as a multiple of the wall limit: a run is stopped at the latest
/// after `(1 + WAIT_ALLOWANCE_FACTOR) × wall limit` of real time.
pub const WAIT_ALLOWANCE_FACTOR: u64 = 3;

impl Limits {
    /// Wall time charged to a run, ms: the real wall time minus the time its
    /// processes waited for a CPU (`wait_ms`), at most
    /// [`WAIT_ALLOWANCE_FACTOR`] × the wall limit of it.
    pub fn charged_wall_ms(&self, wall_ms: u64, wait_ms: u64) -> u64 {
        wall_ms.saturating_sub(wait_ms.min(self.wall_ms.saturating_mul(WAIT_ALLOWANCE_FACTOR)))
    }

    /// Limits from a time limit (ms) and memory limit (KiB); the wall limit is
    /// `3 × time + 1 s`, output 64 MiB, files 64 MiB, 64 open files, 64 processes.
    pub fn from_time_memory(time_ms: u64, memory_kib: u64) -> Limits {
        Limits {
            time_ms,
            wall_ms: time_ms.saturating_mul(3).saturating_add(1000),
            memory_kib,
            output_bytes: 64 << 20,
            file_size_bytes: 64 << 20,
            open_files: 64,
            processes: 64,
        }
    }
}
