//! What the judge asks the helper to run, and what the helper reports back.
//! Both travel as one line of JSON over a pipe.

use judge_core::Termination;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Where the program's stdin comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StdinSource {
    /// `/dev/null`.
    Null,
    /// A regular file opened by the judge (never a pipe, so EOF is immediate).
    File(PathBuf),
}

/// Which isolation layers a run asks for (all by default). Turning one off is
/// for benchmarks and diagnosis; the report always says what was applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layers {
    /// PID, mount and IPC namespaces (and a user namespace when not root).
    pub namespaces: bool,
    /// A network namespace with only a downed loopback.
    pub network: bool,
    /// Landlock: read-only system and toolchain paths, read-write work directory.
    pub landlock: bool,
    /// seccomp: deny ptrace, mount, bpf, namespaces, non-AF_UNIX sockets, ...
    pub seccomp: bool,
}

impl Default for Layers {
    fn default() -> Self {
        Layers { namespaces: true, network: true, landlock: true, seccomp: true }
    }
}

impl Layers {
    /// Only rlimits (and the process group kill).
    pub const RLIMITS_ONLY: Layers = Layers { namespaces: false, network: false, landlock: false, seccomp: false };
}

/// One command to run in the sandbox.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunSpec {
    /// Absolute path of the executable (resolved before sandboxing: a PATH
    /// lookup inside the sandbox could pick another program).
    pub program: PathBuf,
    /// argv, including argv\[0\].
    pub argv: Vec<String>,
    /// The complete environment (nothing else is inherited).
    pub env: Vec<(String, String)>,
    /// Working directory; must be writable by the sandbox uid.
    pub workdir: PathBuf,
    /// stdin source.
    pub stdin: StdinSource,
    /// CPU time limit, ms (user + sys of the main process).
    pub cpu_ms: u64,
    /// Wall-clock limit, ms.
    pub wall_ms: u64,
    /// Memory limit, KiB; `None` for no memory limit (compilers, CUDA).
    pub memory_kib: Option<u64>,
    /// Apply `RLIMIT_AS` as the memory limit even when a memory cgroup is used.
    /// Without a cgroup it is always applied when `memory_kib` is set.
    #[serde(default)]
    pub address_space_limit: bool,
    /// Output limit for stdout, bytes: the stream is closed once it passes
    /// the limit. stderr has no limit: it is drained to the end, its first
    /// `min(capture_bytes, 1 MiB)` bytes kept and the rest counted.
    pub output_bytes: u64,
    /// Bytes of stdout/stderr kept for the report (the rest is counted only;
    /// stderr keeps at most 1 MiB).
    pub capture_bytes: usize,
    /// Largest file the program may write, bytes (`RLIMIT_FSIZE`).
    pub file_size_bytes: u64,
    /// Maximum open files (`RLIMIT_NOFILE`).
    pub open_files: u64,
    /// Maximum processes (pids cgroup; `RLIMIT_NPROC` under a non-root uid).
    /// Threads count too (a CUDA program's runtime starts a few).
    pub processes: u64,
    /// Never apply `RLIMIT_AS`, not even as the fallback when no memory
    /// cgroup enforces `memory_kib` (CUDA: the driver reserves far more
    /// address space than it uses, so an address-space cap breaks it). Without
    /// a memory cgroup the memory limit is then not enforced: the helper
    /// reports that under `missing` (`memory-limit: ...`) and the peak is
    /// still measured (`ru_maxrss`).
    #[serde(default)]
    pub no_address_space_limit: bool,
    /// Device files the program may open for reading and writing, besides
    /// `/dev/null`, `/dev/zero` and `/dev/full` (the NVIDIA device nodes
    /// `/dev/nvidia*` for a CUDA run; see [`crate::linux::gpu::device_nodes`]).
    /// Only character devices whose path starts with `/dev/nvidia` are
    /// accepted; anything else makes the run fail with the judge's error.
    #[serde(default)]
    pub devices: Vec<PathBuf>,
    /// Open a result channel: a pipe the program finds on fd 3 (write end),
    /// read by the judge.
    pub result_channel: bool,
    /// Bytes of the result channel kept (the rest is counted only).
    pub channel_bytes: usize,
    /// Directories the program must be able to read although an ancestor is
    /// closed to the sandbox uid (an interpreter prefix under `/root`).
    pub reachable: Vec<PathBuf>,
    /// Further paths the program may read (driver files, a checker's folder);
    /// with Landlock nothing else outside the system and toolchain paths is readable.
    #[serde(default)]
    pub readable: Vec<PathBuf>,
    /// Paths to hide from the program: a directory is covered by an empty
    /// read-only tmpfs, a file by `/dev/null` (the problem directory, the judge's
    /// binary, which embeds the default registry, the user's home).
    #[serde(default)]
    pub hidden: Vec<PathBuf>,
    /// Give the program an empty private tmpfs (mode 0700, owned by the
    /// sandbox uid, `file_size_bytes` large) at `workdir` instead of the host
    /// directory: whatever it writes vanishes with the run.
    #[serde(default)]
    pub private_workdir: bool,
    /// A directory the judge owns whose regular files (not subdirectories,
    /// not symlinks) the helper copies into the work directory before the
    /// program starts, owned by the sandbox uid (a compiler's sources). Read
    /// before the mounts are set up, at most [`SEED_MAX_BYTES`] in all.
    #[serde(default)]
    pub seed_dir: Option<PathBuf>,
    /// A file the program leaves in its work directory that the helper copies
    /// out once after every process of the run has ended (a compiled binary),
    /// when the program exited with status 0 within its limits.
    #[serde(default)]
    pub collect: Option<Collect>,
    /// Isolation layers to apply.
    #[serde(default)]
    pub layers: Layers,
    /// Run as this uid/gid when the judge runs as root.
    pub uid: Option<u32>,
    /// `cgroup.procs` files the program joins before it drops privileges
    /// (filled by the judge).
    #[serde(default)]
    pub cgroup_procs: Vec<PathBuf>,
    /// Whether a memory cgroup enforces `memory_kib` (filled by the judge).
    #[serde(default)]
    pub cgroup_memory: bool,
    /// The run's cpuacct group, whose `cpuacct.usage` counts the CPU time of
    /// every process of the run (filled by the judge).
    #[serde(default)]
    pub cgroup_cpuacct: Option<PathBuf>,
    /// A v2 group's `memory.current`, polled by the helper for the peak on
    /// kernels without `memory.peak` (older than 5.19; filled by the judge).
    #[serde(default)]
    pub cgroup_memory_current: Option<PathBuf>,
    /// Layer names the run's cgroups enforce, reported as enforced by the
    /// helper (`cgroup v2 (...)`, `cgroup-memory`, ...; filled by the judge).
    #[serde(default)]
    pub cgroup_layers: Vec<String>,
    /// A `cpu.pressure` file (PSI) of a cgroup holding only this run, whose
    /// "some" total measures the time the run waited for a CPU (filled by the
    /// judge where the cgroup has one: cgroup v2).
    #[serde(default)]
    pub cgroup_pressure: Option<PathBuf>,
}

impl RunSpec {
    /// A spec with the given program and argv and safe defaults: 2 s CPU,
    /// 6 s wall, 256 MiB, 64 MiB output, 64 KiB captured per stream.
    pub fn new(program: impl Into<PathBuf>, argv: Vec<String>, workdir: impl Into<PathBuf>) -> RunSpec {
        RunSpec {
            program: program.into(),
            argv,
            env: Vec::new(),
            workdir: workdir.into(),
            stdin: StdinSource::Null,
            cpu_ms: 2000,
            wall_ms: 6000,
            memory_kib: Some(256 * 1024),
            address_space_limit: false,
            output_bytes: 64 << 20,
            capture_bytes: 64 << 10,
            file_size_bytes: 64 << 20,
            open_files: 64,
            processes: 64,
            no_address_space_limit: false,
            devices: Vec::new(),
            result_channel: false,
            channel_bytes: 64 << 20,
            reachable: Vec::new(),
            readable: Vec::new(),
            hidden: Vec::new(),
            private_workdir: false,
            seed_dir: None,
            collect: None,
            layers: Layers::default(),
            uid: None,
            cgroup_procs: Vec::new(),
            cgroup_memory: false,
            cgroup_cpuacct: None,
            cgroup_memory_current: None,
            cgroup_layers: Vec::new(),
            cgroup_pressure: None,
        }
    }
}

/// Most bytes [`RunSpec::seed_dir`] may hold (all files together).
pub const SEED_MAX_BYTES: u64 = 64 << 20;

/// A file to take out of the work directory after the run ([`RunSpec::collect`]).
///
/// It is opened with `O_NOFOLLOW | O_NONBLOCK` relative to the work directory
/// (a symlink, FIFO or directory is refused), must be a regular file of at
/// most `max_bytes`, and is written to `into/name`, created with `O_EXCL`,
/// mode 0755, owned by the judge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collect {
    /// File name in the work directory and in `into` (no `/`).
    pub name: String,
    /// A directory of the judge's, opened before the program runs.
    pub into: PathBuf,
    /// Largest file taken, bytes.
    pub max_bytes: u64,
}

/// What became of [`RunSpec::collect`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Collected {
    /// Copied: its size in bytes.
    Copied(u64),
    /// The program left no such file.
    Missing,
    /// It is a symlink, directory, FIFO or device.
    NotRegular,
    /// Larger than `max_bytes`: its size in bytes (nothing copied).
    TooLarge(u64),
    /// The copy failed (the judge's problem): why.
    Failed(String),
}

/// What the helper measured, sent back on fd 4 as one JSON line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HelperReport {
    /// How the main process ended (absent when it could not be started).
    pub termination: Option<Termination>,
    /// user + sys CPU of the main process and the children it waited for, ms.
    pub cpu_ms: u64,
    /// Wall time from fork to the main process's end, ms (monotonic clock).
    pub wall_ms: u64,
    /// Time the run's processes were runnable but waiting for a CPU, ms: the
    /// growth of the cgroup's `cpu.pressure` "some" total where there is one,
    /// else the run-queue wait (2nd field of `/proc/PID/schedstat`) summed
    /// over the run's processes (sampled every 50 ms, so the last moments of
    /// a process that ended may be missing).
    #[serde(default)]
    pub wait_ms: u64,
    /// `ru_maxrss` of the main process, KiB.
    pub maxrss_kib: u64,
    /// Killed by the helper for CPU time.
    pub killed_for_cpu: bool,
    /// Killed by the helper for wall time.
    pub killed_for_wall: bool,
    /// Layers applied.
    pub enforced: Vec<String>,
    /// Layers not applied, `name: why`.
    pub missing: Vec<String>,
    /// Set when the helper could not run the program: the judge's failure.
    pub error: Option<String>,
    /// What became of [`RunSpec::collect`] (`None` when nothing was asked or
    /// the program did not exit with status 0).
    #[serde(default)]
    pub collected: Option<Collected>,
    /// Highest `memory.current` of the run's v2 group seen by the watchdog,
    /// KiB (only where the kernel has no `memory.peak`).
    #[serde(default)]
    pub cgroup_peak_kib: Option<u64>,
}
