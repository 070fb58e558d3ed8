//! NVIDIA GPU detection and the device nodes a CUDA run may open.
//!
//! Detection ([`detect`]) goes in three steps and stops at the first that
//! fails, with that step's reason:
//! 1. the device nodes: `/dev/nvidiactl` and at least one `/dev/nvidiaN`
//!    must exist as character devices ("no /dev/nvidia* device nodes");
//! 2. the driver library: `libcuda.so.1` must load with `dlopen` (it comes
//!    with the kernel driver, not with the CUDA toolkit);
//! 3. the driver API: `cuInit(0)` must succeed and `cuDeviceGetCount` find a
//!    device (`CUDA_ERROR_INSUFFICIENT_DRIVER` when the driver is older than
//!    what the library needs, `CUDA_ERROR_NO_DEVICE`, ...).
//!
//! The device's name, compute capability and memory come from the same
//! driver API (`cuDeviceGetName`, `cuDeviceGetAttribute`,
//! `cuDeviceTotalMem_v2`), the driver's CUDA version from `cuDriverGetVersion`
//! and the kernel module's version from `/sys/module/nvidia/version`. The
//! driver API is used rather than `nvidia-smi` because it is what a CUDA
//! program itself will call: a machine where it fails cannot run the
//! submission, whatever `nvidia-smi` says. Steps 2 and 3 run in the judge's
//! process, once ([`detect`] caches its answer), and only where step 1 found
//! device nodes; the library is never unloaded (the driver does not support it).

use std::ffi::{c_char, c_int, c_uint, c_void, CStr};
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One usable NVIDIA GPU, as the CUDA driver API describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gpu {
    /// Device 0's name (`NVIDIA H200`).
    pub name: String,
    /// Compute capability (major, minor): (9, 0) for Hopper.
    pub compute_capability: (i32, i32),
    /// Device memory, MiB.
    pub memory_mib: u64,
    /// The newest CUDA version the driver supports (`12.4`), from `cuDriverGetVersion`.
    pub driver_cuda_version: String,
    /// The kernel module's version (`550.54.15`), when `/sys/module/nvidia/version` says.
    pub driver_version: Option<String>,
    /// Number of CUDA devices.
    pub count: i32,
}

/// Whether CUDA programs can run here: a GPU, or the precise reason not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GpuStatus {
    /// A usable GPU.
    Usable(Gpu),
    /// None usable, and why (`no /dev/nvidia* device nodes`,
    /// `libcuda.so.1 cannot be loaded: ...`, `cuInit failed: CUDA_ERROR_NO_DEVICE (100)`).
    Unusable(String),
}

impl GpuStatus {
    /// The reason no GPU is usable (`None` when one is).
    pub fn unusable_reason(&self) -> Option<&str> {
        match self {
            GpuStatus::Usable(_) => None,
            GpuStatus::Unusable(r) => Some(r),
        }
    }
}

/// The NVIDIA device nodes present: `/dev/nvidiactl`, `/dev/nvidia-uvm`,
/// `/dev/nvidia-uvm-tools`, `/dev/nvidia-modeset`, `/dev/nvidiaN` and, for
/// MIG, `/dev/nvidia-caps/nvidia-capN`; character devices only, sorted.
/// Empty on a machine without the NVIDIA driver.
pub fn device_nodes() -> Vec<PathBuf> {
    let mut nodes = Vec::new();
    let mut scan = |dir: &Path, accept: &dyn Fn(&str) -> bool| {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if accept(&name) && e.file_type().is_ok_and(|t| t.is_char_device()) {
                nodes.push(e.path());
            }
        }
    };
    scan(Path::new("/dev"), &|n| {
        matches!(n, "nvidiactl" | "nvidia-uvm" | "nvidia-uvm-tools" | "nvidia-modeset")
            || n.strip_prefix("nvidia").is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
    });
    scan(Path::new("/dev/nvidia-caps"), &|n| n.starts_with("nvidia-cap"));
    nodes.sort();
    nodes
}

/// Check that `path` may be exposed to a program as a device: an absolute
/// path under `/dev` whose name starts with `nvidia` (or under
/// `/dev/nvidia-caps/`), no `..`, and a character device.
pub fn check_device_node(path: &Path) -> Result<(), String> {
    let s = path.to_string_lossy();
    let name_ok = (s.starts_with("/dev/nvidia") && !s["/dev/".len()..].contains('/'))
        || s.strip_prefix("/dev/nvidia-caps/").is_some_and(|n| n.starts_with("nvidia-cap") && !n.contains('/'));
    if !name_ok || s.contains("..") {
        return Err(format!("device {s}: only the NVIDIA device nodes /dev/nvidia* may be exposed to a program"));
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_char_device() => Ok(()),
        Ok(_) => Err(format!("device {s}: not a character device")),
        Err(e) => Err(format!("device {s}: {e}")),
    }
}

/// Whether a usable NVIDIA GPU is present (computed once per process).
pub fn detect() -> GpuStatus {
    static STATUS: OnceLock<GpuStatus> = OnceLock::new();
    STATUS.get_or_init(detect_uncached).clone()
}

fn detect_uncached() -> GpuStatus {
    let nodes = device_nodes();
    if nodes.is_empty() {
        return GpuStatus::Unusable("no /dev/nvidia* device nodes (no NVIDIA driver, or the devices are not passed into this container)".into());
    }
    if !nodes.iter().any(|n| n == Path::new("/dev/nvidiactl")) {
        return GpuStatus::Unusable("/dev/nvidiactl is missing (the NVIDIA driver's control device)".into());
    }
    if !nodes.iter().any(|n| n.file_name().and_then(|f| f.to_str()).is_some_and(|f| f.len() > 6 && f[6..].bytes().all(|b| b.is_ascii_digit()))) {
        return GpuStatus::Unusable("no /dev/nvidiaN device node (the driver is loaded but no GPU is passed in)".into());
    }
    match driver_api() {
        Ok(gpu) => GpuStatus::Usable(gpu),
        Err(why) => GpuStatus::Unusable(why),
    }
}

type CuResult = c_int;

/// Look up a symbol of the loaded library as a function pointer of type `F`.
///
/// # Safety
/// `F` must be the symbol's C signature.
unsafe fn sym<F: Copy>(lib: *mut c_void, name: &CStr) -> Result<F, String> {
    let p = libc::dlsym(lib, name.as_ptr());
    if p.is_null() {
        return Err(format!("libcuda.so.1 has no {}", name.to_string_lossy()));
    }
    Ok(std::mem::transmute_copy::<*mut c_void, F>(&p))
}

fn driver_api() -> Result<Gpu, String> {
    // SAFETY: dlopen/dlsym with NUL-terminated names; every function pointer
    // is given its signature from cuda.h (CUresult is an int, CUdevice an int).
    unsafe {
        let lib = libc::dlopen(c"libcuda.so.1".as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL);
        if lib.is_null() {
            let err = libc::dlerror();
            let why = if err.is_null() { "unknown error".to_string() } else { CStr::from_ptr(err).to_string_lossy().into_owned() };
            return Err(format!("libcuda.so.1 cannot be loaded (the NVIDIA driver's library): {why}"));
        }
        let cu_init: unsafe extern "C" fn(c_uint) -> CuResult = sym(lib, c"cuInit")?;
        let get_error_name: Option<unsafe extern "C" fn(CuResult, *mut *const c_char) -> CuResult> = sym(lib, c"cuGetErrorName").ok();
        let name_of = |code: CuResult| -> String {
            let mut p: *const c_char = std::ptr::null();
            match get_error_name {
                Some(f) if f(code, &mut p) == 0 && !p.is_null() => format!("{} ({code})", CStr::from_ptr(p).to_string_lossy()),
                _ => format!("CUresult {code}"),
            }
        };
        let rc = cu_init(0);
        if rc != 0 {
            return Err(format!("cuInit failed: {}", name_of(rc)));
        }
        let get_count: unsafe extern "C" fn(*mut c_int) -> CuResult = sym(lib, c"cuDeviceGetCount")?;
        let mut count = 0;
        let rc = get_count(&mut count);
        if rc != 0 {
            return Err(format!("cuDeviceGetCount failed: {}", name_of(rc)));
        }
        if count < 1 {
            return Err("the CUDA driver finds no device (cuDeviceGetCount = 0)".into());
        }
        let get_name: unsafe extern "C" fn(*mut c_char, c_int, c_int) -> CuResult = sym(lib, c"cuDeviceGetName")?;
        let get_attr: unsafe extern "C" fn(*mut c_int, c_int, c_int) -> CuResult = sym(lib, c"cuDeviceGetAttribute")?;
        let total_mem: unsafe extern "C" fn(*mut usize, c_int) -> CuResult = sym(lib, c"cuDeviceTotalMem_v2")?;
        let driver_version: unsafe extern "C" fn(*mut c_int) -> CuResult = sym(lib, c"cuDriverGetVersion")?;
        let mut buf = [0 as c_char; 256];
        let name = if get_name(buf.as_mut_ptr(), buf.len() as c_int - 1, 0) == 0 {
            CStr::from_ptr(buf.as_ptr()).to_string_lossy().into_owned()
        } else {
            "unknown NVIDIA GPU".into()
        };
        // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75, _MINOR = 76.
        let (mut major, mut minor) = (0, 0);
        get_attr(&mut major, 75, 0);
        get_attr(&mut minor, 76, 0);
        let mut bytes: usize = 0;
        total_mem(&mut bytes, 0);
        let mut v = 0;
        driver_version(&mut v);
        let module = std::fs::read_to_string("/sys/module/nvidia/version").ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(Gpu {
            name,
            compute_capability: (major, minor),
            memory_mib: bytes as u64 >> 20,
            driver_cuda_version: format!("{}.{}", v / 1000, (v % 1000) / 10),
            driver_version: module,
            count,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_nvidia_character_devices_may_be_exposed() {
        assert!(check_device_node(Path::new("/dev/null")).is_err());
        assert!(check_device_node(Path::new("/dev/sda")).is_err());
        assert!(check_device_node(Path::new("/dev/nvidia0/../null")).is_err());
        assert!(check_device_node(Path::new("/dev/nvidia-caps/../sda")).is_err());
        // A regular file with the right name is not a device.
        assert!(check_device_node(Path::new("/dev/nvidia-does-not-exist")).is_err());
    }

    #[test]
    fn detection_gives_a_gpu_or_a_reason() {
        match detect() {
            GpuStatus::Usable(g) => assert!(g.count >= 1 && !g.name.is_empty()),
            GpuStatus::Unusable(why) => {
                assert!(!why.is_empty());
                if device_nodes().is_empty() {
                    assert!(why.contains("/dev/nvidia"), "{why}");
                }
            }
        }
    }
}
