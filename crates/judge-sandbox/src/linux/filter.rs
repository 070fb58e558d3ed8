//! Landlock and seccomp for the program, prepared in init (which may allocate)
//! and applied in the forked program right before `execve`.

use crate::spec::RunSpec;
use landlock::{
    path_beneath_rules, Access, AccessFs, Ruleset, RulesetAttr, RulesetCreated, RulesetCreatedAttr, RulesetStatus, ABI,
};
use seccompiler::{BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter, SeccompRule};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// System paths every program may read and execute (dynamic loader, libraries,
/// compilers, locale data). Nothing under /home, /root, /tmp or /work.
pub const SYSTEM_READ: &[&str] = &[
    "/usr",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/bin",
    "/sbin",
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/ld.so.conf.d",
    "/etc/localtime",
    "/etc/alternatives",
    "/proc",
    "/sys/devices/system/cpu",
    "/dev/urandom",
    "/dev/random",
];

/// Device files programs may read and write.
pub const DEVICES_RW: &[&str] = &["/dev/null", "/dev/zero", "/dev/full"];

/// A Landlock ruleset ready for `restrict_self`.
pub struct Landlock(pub RulesetCreated);

/// Build the ruleset: read/execute on [`SYSTEM_READ`], the interpreter prefixes,
/// the extra readable paths and the program's folder; everything on the work
/// directory and [`DEVICES_RW`]. Paths that do not exist are skipped.
pub fn landlock_ruleset(spec: &RunSpec) -> Result<Landlock, String> {
    let abi = ABI::V5;
    let read = AccessFs::from_read(abi);
    let all = AccessFs::from_all(abi);
    let mut read_paths: Vec<PathBuf> = SYSTEM_READ.iter().map(PathBuf::from).collect();
    read_paths.extend(spec.reachable.iter().cloned());
    read_paths.extend(spec.readable.iter().cloned());
    if let Some(parent) = spec.program.parent() {
        read_paths.push(parent.to_path_buf());
    }
    read_paths.retain(|p| p.exists());
    let mut rw_paths: Vec<PathBuf> = DEVICES_RW.iter().map(PathBuf::from).collect();
    // The GPU's device nodes of a CUDA run (checked: NVIDIA character devices only).
    for dev in &spec.devices {
        super::gpu::check_device_node(dev)?;
        rw_paths.push(dev.clone());
    }
    // Private to the run (a fresh tmpfs each, see the mount setup).
    if spec.layers.namespaces {
        rw_paths.extend(["/tmp", "/var/tmp", "/dev/shm"].iter().map(PathBuf::from));
    }
    rw_paths.push(spec.workdir.clone());
    rw_paths.retain(|p| p.exists());
    let ruleset = Ruleset::default()
        .handle_access(all)
        .map_err(|e| e.to_string())?
        .create()
        .map_err(|e| e.to_string())?
        .add_rules(path_beneath_rules(&read_paths, read))
        .map_err(|e| e.to_string())?
        .add_rules(path_beneath_rules(&rw_paths, all))
        .map_err(|e| e.to_string())?;
    Ok(Landlock(ruleset))
}

/// Apply the ruleset to the calling process; returns a one-letter status:
/// `F` fully enforced, `P` partially, `N` not enforced (old kernel).
pub fn landlock_apply(l: Landlock) -> u8 {
    match l.0.restrict_self() {
        Ok(s) => match s.ruleset {
            RulesetStatus::FullyEnforced => b'F',
            RulesetStatus::PartiallyEnforced => b'P',
            RulesetStatus::NotEnforced => b'N',
        },
        Err(_) => b'N',
    }
}

/// Syscalls that fail with `EPERM` in the sandbox: debugging other processes,
/// mounts, kernel modules and keyrings, BPF, perf, new namespaces, clock and
/// swap administration, io_uring (which bypasses seccomp for its operations).
const DENIED: &[i64] = &[
    libc::SYS_ptrace,
    libc::SYS_process_vm_readv,
    libc::SYS_process_vm_writev,
    libc::SYS_mount,
    libc::SYS_umount2,
    libc::SYS_pivot_root,
    libc::SYS_chroot,
    libc::SYS_bpf,
    libc::SYS_kexec_load,
    libc::SYS_kexec_file_load,
    libc::SYS_keyctl,
    libc::SYS_add_key,
    libc::SYS_request_key,
    libc::SYS_perf_event_open,
    libc::SYS_unshare,
    libc::SYS_setns,
    libc::SYS_init_module,
    libc::SYS_finit_module,
    libc::SYS_delete_module,
    libc::SYS_reboot,
    libc::SYS_swapon,
    libc::SYS_swapoff,
    libc::SYS_acct,
    libc::SYS_quotactl,
    libc::SYS_userfaultfd,
    libc::SYS_io_uring_setup,
    libc::SYS_io_uring_enter,
    libc::SYS_io_uring_register,
    libc::SYS_open_by_handle_at,
    libc::SYS_name_to_handle_at,
    libc::SYS_settimeofday,
    libc::SYS_clock_settime,
    libc::SYS_clock_adjtime,
    libc::SYS_adjtimex,
    libc::SYS_syslog,
    libc::SYS_vhangup,
    libc::SYS_fanotify_init,
    libc::SYS_setdomainname,
    libc::SYS_sethostname,
    // Page-cache probes: whether a page of a shared file is resident (or
    // evicting/populating it) carries bits from one run to the next.
    libc::SYS_fadvise64,
    libc::SYS_readahead,
    libc::SYS_mincore,
    SYS_CACHESTAT,
];

/// `cachestat(2)` (Linux 6.5): the same number on x86_64 and aarch64; the libc
/// crate may not define it yet.
const SYS_CACHESTAT: i64 = 451;

/// `RWF_NOWAIT` (`linux/fs.h`): a `preadv2`/`pwritev2` that fails with
/// `EAGAIN` instead of waiting for I/O reveals whether the pages are cached.
const RWF_NOWAIT: u64 = 0x8;

/// `madvise` advice values that evict or populate the page cache of a file
/// mapping: `MADV_WILLNEED` (3), `MADV_COLD` (20), `MADV_PAGEOUT` (21).
/// Allocators use `MADV_DONTNEED`/`MADV_FREE`, which stay allowed.
const MADV_PAGE_CACHE: &[u64] = &[3, 20, 21];

const NAMESPACE_FLAGS: &[u64] = &[
    libc::CLONE_NEWNS as u64,
    libc::CLONE_NEWUSER as u64,
    libc::CLONE_NEWPID as u64,
    libc::CLONE_NEWNET as u64,
    libc::CLONE_NEWIPC as u64,
    libc::CLONE_NEWUTS as u64,
    libc::CLONE_NEWCGROUP as u64,
];

/// The seccomp filters, applied in order: the deny filter, then one that
/// makes `clone3` fail with `ENOSYS` (its flags live in memory a filter cannot
/// read, so libc falls back to `clone`, whose flags the first filter checks).
pub struct Seccomp {
    deny: BpfProgram,
    clone3: BpfProgram,
}

/// Build [`Seccomp`]: [`DENIED`] syscalls, every `socket` call, `socketpair`
/// of any family but `AF_UNIX`, `clone` with a namespace flag, `preadv2`/
/// `pwritev2` with `RWF_NOWAIT` and `madvise` with [`MADV_PAGE_CACHE`] advice
/// fail with `EPERM`; everything else is allowed.
pub fn seccomp_program() -> Result<Seccomp, String> {
    let e = |x: seccompiler::BackendError| x.to_string();
    let b = |x: seccompiler::BackendError| x.to_string();
    let mut rules: BTreeMap<i64, Vec<SeccompRule>> = BTreeMap::new();
    for sys in DENIED {
        rules.insert(*sys, vec![]);
    }
    let not_unix = || -> Result<Vec<SeccompRule>, String> {
        let cond = SeccompCondition::new(0, SeccompCmpArgLen::Dword, SeccompCmpOp::Ne, libc::AF_UNIX as u64).map_err(e)?;
        Ok(vec![SeccompRule::new(vec![cond]).map_err(e)?])
    };
    // No socket() at all: an unconnected AF_UNIX socket could still reach
    // socket files on the host (connect, sendto, sendmsg), which neither the
    // network namespace nor Landlock stops. socketpair() stays for local IPC.
    rules.insert(libc::SYS_socket, vec![]);
    rules.insert(libc::SYS_socketpair, not_unix()?);
    let mut clone_rules = Vec::new();
    for flag in NAMESPACE_FLAGS {
        let cond = SeccompCondition::new(0, SeccompCmpArgLen::Qword, SeccompCmpOp::MaskedEq(*flag), *flag).map_err(e)?;
        clone_rules.push(SeccompRule::new(vec![cond]).map_err(e)?);
    }
    rules.insert(libc::SYS_clone, clone_rules);
    // preadv2(fd, iov, iovcnt, pos_l, pos_h, flags): flags is argument 5.
    for sys in [libc::SYS_preadv2, libc::SYS_pwritev2] {
        let cond = SeccompCondition::new(5, SeccompCmpArgLen::Dword, SeccompCmpOp::MaskedEq(RWF_NOWAIT), RWF_NOWAIT).map_err(e)?;
        rules.insert(sys, vec![SeccompRule::new(vec![cond]).map_err(e)?]);
    }
    let mut madvise_rules = Vec::new();
    for advice in MADV_PAGE_CACHE {
        let cond = SeccompCondition::new(2, SeccompCmpArgLen::Dword, SeccompCmpOp::Eq, *advice).map_err(e)?;
        madvise_rules.push(SeccompRule::new(vec![cond]).map_err(e)?);
    }
    rules.insert(libc::SYS_madvise, madvise_rules);
    let arch = std::env::consts::ARCH.try_into().map_err(b)?;
    let deny = SeccompFilter::new(rules, SeccompAction::Allow, SeccompAction::Errno(libc::EPERM as u32), arch).map_err(b)?;
    let mut clone3 = BTreeMap::new();
    clone3.insert(libc::SYS_clone3, vec![]);
    let nosys = SeccompFilter::new(clone3, SeccompAction::Allow, SeccompAction::Errno(libc::ENOSYS as u32), arch).map_err(b)?;
    Ok(Seccomp { deny: deny.try_into().map_err(b)?, clone3: nosys.try_into().map_err(b)? })
}

/// Install the filters on the calling thread (no allocation). `no_new_privs`
/// must be set. Returns whether both were installed.
pub fn seccomp_apply(s: &Seccomp) -> bool {
    seccompiler::apply_filter(&s.deny).is_ok() && seccompiler::apply_filter(&s.clone3).is_ok()
}
