//! CUDA C++ with nvcc. Stdin/stdout programs (`.cu` with `main`) are
//! compiled as they are, the static CUDA runtime linked (nvcc's default), and
//! need an NVIDIA GPU to run: without one every case is skipped (SK).
//!
//! nvcc is looked for in this order: `--nvcc` / `$JUDGE_NVCC` (handled by
//! [`crate::discover`]), `$CUDA_HOME/bin/nvcc`, `$CUDA_PATH/bin/nvcc`, the
//! table's `command` on PATH, then the judge's own toolchain cache
//! ([`cache_dir`]`/nvidia/cu13/bin/nvcc`, installed by `make cuda-toolchain`
//! from the PyPI packages `nvidia-cuda-nvcc` and `nvidia-cuda-runtime`).

use super::{compiled_plan, Candidate, Language, PlanInput, SandboxProfile};
use crate::{LangError, LanguageConfig, Plan, ResolvedToolchain, Target};
use judge_core::Signature;
use std::path::{Path, PathBuf};

/// CUDA C++ (`cuda`).
#[derive(Debug)]
pub struct Cuda;

/// The judge's CUDA toolchain cache: `$JUDGE_CUDA_DIR`, else
/// `$XDG_CACHE_HOME/judge/cuda-toolchain`, else `$HOME/.cache/judge/cuda-toolchain`
/// (`None` when none of these variables is set).
pub fn cache_dir() -> Option<PathBuf> {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(d) = var("JUDGE_CUDA_DIR") {
        return Some(d);
    }
    let cache = var("XDG_CACHE_HOME").or_else(|| var("HOME").map(|h| h.join(".cache")))?;
    Some(cache.join("judge").join("cuda-toolchain"))
}

/// The version in `nvcc --version`'s output: `Cuda compilation tools,
/// release 13.5, V13.5.37` gives `13.5.37` (the `V` build number), or the
/// release (`13.5`) when there is no build number.
pub fn parse_nvcc_version(out: &str) -> Option<String> {
    let line = out.lines().find(|l| l.contains("release "))?;
    if let Some(v) = line.split_whitespace().find_map(|w| w.strip_prefix('V')) {
        if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return Some(v.to_string());
        }
    }
    let rest = &line[line.find("release ")? + "release ".len()..];
    let r: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    (!r.is_empty()).then_some(r)
}

/// Directories on the sandbox's PATH, where nvcc looks for its host compiler.
const SANDBOX_PATH: &[&str] = &["/usr/local/bin", "/usr/bin", "/bin"];

impl Language for Cuda {
    fn id(&self) -> &'static str {
        "cuda"
    }

    fn source_name(&self) -> &'static str {
        "solution.cu"
    }

    fn search(&self, cfg: &LanguageConfig) -> Vec<Candidate> {
        let mut v = Vec::new();
        for var in ["CUDA_HOME", "CUDA_PATH"] {
            if let Some(d) = std::env::var_os(var).filter(|d| !d.is_empty()) {
                v.push(Candidate::Path(PathBuf::from(d).join("bin").join("nvcc"), format!("${var}")));
            }
        }
        v.push(Candidate::Command(cfg.command.clone()));
        if let Some(d) = cache_dir() {
            v.push(Candidate::Path(d.join("nvidia").join("cu13").join("bin").join("nvcc"), "the judge's CUDA toolchain cache (make cuda-toolchain)".into()));
        }
        v
    }

    /// The host compilers the probe looks for (which one is first, and its
    /// version, are part of the answer).
    fn probe_inputs(&self, _tc: &ResolvedToolchain, _found: &Path) -> Vec<PathBuf> {
        SANDBOX_PATH.iter().map(|d| Path::new(d).join("g++")).collect()
    }

    /// `nvcc --version` for the version; the toolkit's root (the folder above
    /// `bin/`, holding `nvvm/`, `include/` and `lib/`) is made reachable in
    /// the sandbox; a host compiler `g++` must be on the sandbox's PATH.
    fn probe(&self, _cfg: &LanguageConfig, found: PathBuf) -> Result<ResolvedToolchain, LangError> {
        let out = std::process::Command::new(&found)
            .arg("--version")
            .output()
            .map_err(|e| LangError::Toolchain(format!("cannot run {}: {e}", found.display())))?;
        let text = String::from_utf8_lossy(&out.stdout);
        let version = match parse_nvcc_version(&text) {
            Some(v) if out.status.success() => v,
            _ => {
                return Err(LangError::Toolchain(format!(
                    "{} does not work as nvcc (`--version` gave {}: {})",
                    found.display(),
                    out.status,
                    String::from_utf8_lossy(&out.stderr).trim()
                )))
            }
        };
        let Some(host) = SANDBOX_PATH.iter().map(|d| Path::new(d).join("g++")).find(|p| p.is_file()) else {
            return Err(LangError::Toolchain(format!(
                "nvcc ({}) needs a host C++ compiler: no g++ in {}",
                found.display(),
                SANDBOX_PATH.join(", ")
            )));
        };
        let host_version = std::process::Command::new(&host)
            .arg("-dumpfullversion")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        let real = std::fs::canonicalize(&found).unwrap_or(found.clone());
        let mut reachable = Vec::new();
        if let Some(top) = real.parent().and_then(Path::parent) {
            // /usr/... is readable anyway; never make `/` "reachable".
            if top.components().count() > 1 && !top.starts_with("/usr") {
                reachable.push(top.to_path_buf());
            }
        }
        Ok(ResolvedToolchain {
            info: judge_core::Toolchain { name: "nvcc".into(), path: found.display().to_string(), version },
            exe: found,
            reachable,
            sys_path: Vec::new(),
            cache_tag: format!("host {} {host_version}", host.display()),
        })
    }

    fn plan(&self, input: PlanInput<'_>) -> Result<Plan, LangError> {
        match input.target {
            Target::Stdio => {
                let files = vec![("solution.cu".to_string(), input.source.to_vec())];
                compiled_plan(&input, files, "solution.cu", &[], &[], false, self.profile())
            }
            // CUDA kernel problems (`kind = "cuda"`, cuda-spec.md) are planned
            // here by the kernel target (`Target::Kernel`, derived driver
            // around `extern "C" void solve(...)`), which is not wired yet.
            Target::Function(_) => Err(LangError::Toolchain(format!(
                "{}: function problems with a typed signature have no CUDA driver; CUDA submissions are for stdin/stdout problems and CUDA kernel problems (kind = \"cuda\")",
                input.cfg.name
            ))),
        }
    }

    fn starter(&self, sig: Option<&Signature>) -> Option<String> {
        match sig {
            Some(_) => None,
            None => Some(
                "#include <cstdio>\n#include <cuda_runtime.h>\n\n__global__ void kernel(int* x) { *x += 1; }\n\nint main() {\n    int* d = nullptr;\n    if (cudaMalloc(&d, sizeof(int)) != cudaSuccess) return 1;\n    cudaMemset(d, 0, sizeof(int));\n    kernel<<<1, 1>>>(d);\n    int h = 0;\n    cudaMemcpy(&h, d, sizeof(int), cudaMemcpyDeviceToHost);\n    cudaFree(d);\n    std::printf(\"%d\\n\", h);\n    return 0;\n}\n"
                    .into(),
            ),
        }
    }

    /// Host code is C++: libstdc++'s terminate message.
    fn runtime_exception(&self, stderr: &str) -> Option<(String, String, bool)> {
        super::cpp::libstdcxx_terminate(stderr)
    }

    fn is_standard_exception(&self, name: &str) -> bool {
        super::cpp::Cpp.is_standard_exception(name)
    }

    fn profile(&self) -> SandboxProfile {
        SandboxProfile { gpu: true, address_space_limit: false, min_processes: 64 }
    }

    fn has_standard(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nvcc_versions() {
        let out = "nvcc: NVIDIA (R) Cuda compiler driver\nCopyright (c) 2005-2026 NVIDIA Corporation\nBuilt on Mon_Oct_12_19:25:48_PDT_2026\nCuda compilation tools, release 13.5, V13.5.37\nBuild cuda_13.5.r13.5/compiler.39125733_0\n";
        assert_eq!(parse_nvcc_version(out).as_deref(), Some("13.5.37"));
        assert_eq!(parse_nvcc_version("Cuda compilation tools, release 12.4\n").as_deref(), Some("12.4"));
        assert_eq!(parse_nvcc_version("g++ (Debian 12.2.0-14) 12.2.0\n"), None);
    }

    #[test]
    fn searches_cuda_home_then_path_then_the_cache() {
        let cfg = LanguageConfig {
            id: "cuda".into(),
            name: "CUDA".into(),
            extensions: vec!["cu".into()],
            command: "nvcc".into(),
            override_env: Some("JUDGE_NVCC".into()),
            flags: vec![],
        };
        let s = Cuda.search(&cfg);
        let cmd = s.iter().position(|c| *c == Candidate::Command("nvcc".into())).unwrap();
        if let Some(last) = s.last() {
            if cache_dir().is_some() {
                assert!(matches!(last, Candidate::Path(p, _) if p.ends_with("nvidia/cu13/bin/nvcc")));
                assert!(cmd < s.len() - 1);
            }
        }
        for (i, c) in s.iter().enumerate() {
            if let Candidate::Path(_, origin) = c {
                if origin.starts_with('$') {
                    assert!(i < cmd, "$CUDA_HOME/$CUDA_PATH come before PATH");
                }
            }
        }
    }
}
