//! Kernel problems (`kind = "cuda"`) in the engine.
//!
//! - [`Engine::prepare`] compiles the CPU reference harness once: the
//!   problem's `reference/cpu.cpp` inside `cpu_driver.cpp`, with g++ (compile
//!   cache as for C++). It does not compile: the problem's configuration error.
//! - [`Engine::build`] compiles the submission: a `.cu` file inside
//!   `driver.cu` with nvcc, or a `.cpp` file (a CPU implementation) inside the
//!   CPU harness with g++, which exercises the whole comparison without a GPU.
//! - per case: the judge materialises the input blob, runs the CPU reference
//!   in the sandbox to get the expected outputs (a failure there is IE, never
//!   the submission's fault), runs the submission (a CUDA one only when a GPU
//!   is usable: otherwise every case is skipped (SK) by the engine), reads
//!   its report ([`judge_lang::cuda_driver::parse_report`]) and compares the
//!   outputs ([`judge_check::tolerance`]).

use crate::case::{display_id, CaseContext, CaseRun};
use crate::{rundir, BuildFailure, Engine, EngineError, Options};
use judge_check::tolerance::{self, KernelTolerance};
use judge_core::classify::ended_cleanly;
use judge_core::kernel::{KernelInput, KernelSignature};
use judge_core::report::CaseDetails;
use judge_core::{classify, CaseReport, Cause, Evidence, Limits, Verdict};
use judge_lang::cuda_driver::{self, KernelChannelError, KernelReport};
use judge_lang::{BuildStep, LanguageConfig, Plan, ResolvedToolchain};
use judge_registry::Problem;
use judge_sandbox::{Outcome, RunSpec, StdinSource};
use std::path::{Path, PathBuf};

/// What [`Engine::prepare`] keeps for a kernel problem.
pub(crate) struct KernelPrep {
    /// Holds the compiled CPU reference (removed on drop).
    _dir: rundir::RunDir,
    /// The CPU reference harness's plan (its program and readable folder).
    reference: Plan,
    reference_dir: PathBuf,
    pub(crate) sig: KernelSignature,
    tol: KernelTolerance,
    repeats: u32,
}

/// CPU time the CPU reference may take per case, ms (it is not the
/// submission: the problem's time limit is for the GPU run).
const REFERENCE_CPU_MS: u64 = 60_000;
/// Memory the CPU reference may use at least, KiB.
const REFERENCE_MEMORY_KIB: u64 = 4 << 20;

/// CUDA error names shown for hidden cases (anything else becomes "a CUDA
/// error"): the runtime's errors a kernel can cause.
const KNOWN_CUDA_ERRORS: &[&str] = &[
    "cudaErrorIllegalAddress",
    "cudaErrorLaunchFailure",
    "cudaErrorMisalignedAddress",
    "cudaErrorInvalidValue",
    "cudaErrorInvalidConfiguration",
    "cudaErrorLaunchOutOfResources",
    "cudaErrorLaunchTimeout",
    "cudaErrorMemoryAllocation",
    "cudaErrorInvalidDevicePointer",
    "cudaErrorInvalidDeviceFunction",
    "cudaErrorNoKernelImageForDevice",
    "cudaErrorIllegalInstruction",
    "cudaErrorInvalidPc",
    "cudaErrorHardwareStackError",
    "cudaErrorAssert",
    "cudaErrorInvalidResourceHandle",
    "cudaErrorInsufficientDriver",
    "cudaErrorNoDevice",
    "cudaErrorUnsupportedPtxVersion",
    "cudaErrorInvalidPtx",
];

/// The toolchain of a kernel problem's submission: nvcc for `cuda`, the
/// language's own for `cpp` (a CPU implementation through the CPU harness).
pub(crate) fn toolchain(engine: &Engine, lang: &LanguageConfig, opts: &Options) -> Result<ResolvedToolchain, EngineError> {
    match lang.id.as_str() {
        "cuda" | "cpp" => engine.toolchain(lang, opts),
        other => Err(EngineError::Config(format!(
            "kernel problems (kind = \"cuda\") take a CUDA file (.cu) or a C++ CPU implementation (.cpp) of `solve`; `{other}` is neither"
        ))),
    }
}

/// The build of a kernel problem's submission (see the module docs).
pub(crate) fn plan(
    lang: &LanguageConfig,
    tc: &ResolvedToolchain,
    files: &judge_lang::RunnerFiles,
    sig: &KernelSignature,
    source: &[u8],
    driver_dir: &Path,
) -> Result<Plan, EngineError> {
    let header = files.read(&format!("cuda/{}", cuda_driver::SUPPORT_HEADER))?;
    let (solution, driver, text) = match lang.id.as_str() {
        "cuda" => ("solution.cu", "driver.cu", cuda_driver::generate_cuda_driver(sig)),
        _ => ("solution.cpp", "cpu_driver.cpp", cuda_driver::generate_cpu_driver(sig)),
    };
    // The language table's flags: nvcc `-std=c++20 -O2`, g++ `-std=gnu++20 -O2 ...`.
    let mut argv = vec![tc.exe.display().to_string()];
    argv.extend(lang.flags.iter().cloned());
    argv.extend(["-o".into(), "solution".into(), driver.into()]);
    Ok(Plan {
        driver_files: vec![],
        build: Some(BuildStep {
            files: vec![
                (solution.to_string(), source.to_vec()),
                (cuda_driver::SUPPORT_HEADER.to_string(), header),
                (driver.to_string(), text.into_bytes()),
            ],
            program: tc.exe.clone(),
            argv,
            artifact: Some("solution".into()),
        }),
        run_program: driver_dir.join("solution"),
        run_argv: vec![driver_dir.join("solution").display().to_string()],
        reachable: tc.reachable.clone(),
        result_channel: true,
        profile: judge_lang::language::language(&lang.id).map(|l| l.profile()).unwrap_or_default(),
    })
}

impl Engine {
    /// Compile the CPU reference harness of a kernel problem.
    /// `Err(Config)`: it does not compile (the problem's fault);
    /// `Ok(Err(why))`: the judge failed (every judging is then IE).
    pub(crate) fn prepare_kernel(&self, problem: &Problem, sig: &KernelSignature, opts: &Options) -> Result<Result<KernelPrep, String>, EngineError> {
        let spec = problem.manifest.cuda.as_ref().ok_or_else(|| EngineError::Internal("a kernel problem without [cuda]".into()))?;
        let cpu = problem
            .references
            .get("cpu.cpp")
            .ok_or_else(|| EngineError::Config(format!("problem `{}`: reference/cpu.cpp is missing", problem.id())))?;
        let lang = self.languages.get("cpp")?.clone();
        let tc = self.toolchain(&lang, opts).map_err(|e| EngineError::Config(format!("problem `{}`: the CPU reference needs a C++ compiler: {e}", problem.id())))?;
        let dir = match rundir::RunDir::create(self.sandbox.uid(), self.temp_dir.as_deref()) {
            Ok(d) => d,
            Err(e) => return Ok(Err(format!("cannot create the CPU reference's directory: {e}"))),
        };
        let plan = plan(&lang, &tc, &self.languages.files, sig, cpu, &dir.driver)?;
        let Some(step) = plan.build.clone() else { return Ok(Err("the CPU reference has no build step".into())) };
        let hidden = self.hidden_paths(problem, None);
        let dest = dir.driver.join("solution");
        let key = self.cache.as_ref().map(|c| (c, crate::cache::BuildKey::new("cpp", &step.program, &tc.info.version, &step.argv, &step.files)));
        let hit = key.as_ref().is_some_and(|(c, k)| match c.fetch(k, &dest) {
            Ok(hit) => hit,
            Err(e) => {
                tracing::warn!("compile cache: {e}");
                let _ = std::fs::remove_file(&dest);
                false
            }
        });
        if !hit {
            match self.compile(&dir, &step, &plan, &hidden, Some("cpu.cpp".into()), &judge_sandbox::CancelToken::new()) {
                Ok(_) => {
                    if let Some((c, k)) = &key {
                        if let Err(e) = c.store(k, &dest) {
                            tracing::warn!("compile cache: cannot store the CPU reference: {e}");
                        }
                    }
                }
                Err(BuildFailure::Compile(cause)) => {
                    let first = match &cause {
                        Cause::Compile { first_error, .. } => first_error.clone(),
                        other => other.message(),
                    };
                    return Err(EngineError::Config(format!("problem `{}`: reference/cpu.cpp does not compile: {first}", problem.id())));
                }
                Err(BuildFailure::Internal(e)) => return Ok(Err(format!("the CPU reference could not be compiled: {e}"))),
                Err(BuildFailure::Cancelled) => return Err(EngineError::Cancelled),
            }
        }
        let reference_dir = dir.driver.clone();
        Ok(Ok(KernelPrep {
            _dir: dir,
            reference: plan,
            reference_dir,
            sig: sig.clone(),
            tol: KernelTolerance { atol: spec.atol, rtol: spec.rtol },
            repeats: spec.repeats(),
        }))
    }

    /// One case of a kernel problem (see the module docs).
    pub(crate) fn kernel_case(&self, kp: &KernelPrep, ctx: &CaseContext<'_>, case: &judge_registry::Case, index: usize) -> CaseRun {
        let failed = |detail: String| CaseRun {
            report: crate::case::internal_case(ctx, case, index, detail),
            layers: None,
            cancelled: false,
            value: None,
            stdout: Vec::new(),
        };
        let input = match KernelInput::parse(&kp.sig, &case.input) {
            Ok(i) => i,
            Err(e) => return failed(format!("the case's input does not match the signature: {e}")),
        };
        let output_bytes = input.output_bytes(&kp.sig);
        let outputs = input.outputs(&kp.sig);
        let budget = u32::try_from(ctx.limits.time_ms / 2).unwrap_or(u32::MAX);
        let blob = input.blob(&kp.sig, kp.repeats, budget);
        let blob_path = ctx.dir.private_file(&format!("case-{index}.blob"));
        if let Err(e) = std::fs::write(&blob_path, &blob) {
            return failed(format!("cannot write the case's input blob: {e}"));
        }
        drop(blob);
        // The expected outputs, from the CPU reference.
        let ref_limits = Limits {
            time_ms: REFERENCE_CPU_MS,
            wall_ms: REFERENCE_CPU_MS * 2,
            memory_kib: ctx.limits.memory_kib.max(REFERENCE_MEMORY_KIB),
            ..*ctx.limits
        };
        let expected = match self.run_blob(ctx, &kp.reference, &kp.reference_dir, &blob_path, &ref_limits, output_bytes, "reference") {
            Ok(o) => o,
            Err(e) => {
                let _ = std::fs::remove_file(&blob_path);
                return if e == "cancelled" {
                    let mut r = failed(e);
                    r.cancelled = true;
                    r
                } else {
                    failed(format!("the judge could not run the CPU reference: {e}"))
                };
            }
        };
        let expected = match reference_outputs(&expected, &ref_limits, output_bytes) {
            Ok(bytes) => bytes,
            Err(why) => {
                let _ = std::fs::remove_file(&blob_path);
                return failed(format!("the CPU reference (reference/cpu.cpp) failed on this case: {why}"));
            }
        };
        // The submission.
        let limits = submission_limits(ctx);
        let outcome = self.run_blob(ctx, ctx.plan, ctx.driver_dir, &blob_path, &limits, output_bytes, &index.to_string());
        let _ = std::fs::remove_file(&blob_path);
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) if e == "cancelled" => {
                let mut r = failed(e);
                r.cancelled = true;
                return r;
            }
            Err(e) => return failed(e),
        };
        let m = &outcome.measurement;
        let clean = ended_cleanly(m, &limits);
        let show = !case.hidden || ctx.reveal;
        let mut kernel_ms = None;
        let mut hidden_wa = None;
        let mut cuda_error = None;
        let evidence = match cuda_driver::parse_report(&outcome.channel.data, outcome.channel.truncated(), output_bytes) {
            // The CPU harness never times `solve` (it reports no kernel time):
            // one on its channel was written by the submission itself.
            Ok(KernelReport::Ok { kernel_ms: Some(_), .. }) if !ctx.plan.profile.gpu => {
                Evidence::BadResult("a kernel time on the result channel of the CPU harness, which never reports one (forged result channel)".into())
            }
            Ok(KernelReport::Ok { kernel_ms: k, outputs: actual, .. }) => {
                kernel_ms = k;
                if !clean {
                    Evidence::Unchecked
                } else {
                    let results = tolerance::compare_outputs(kp.tol, &outputs, &expected, &actual);
                    match tolerance::describe(&results, kp.tol, true) {
                        None => Evidence::Accepted,
                        Some(d) => {
                            hidden_wa = tolerance::describe(&results, kp.tol, false);
                            Evidence::Rejected(d)
                        }
                    }
                }
            }
            // Nor a CUDA error: the CPU harness makes no CUDA call.
            Ok(KernelReport::CudaError { .. }) if !ctx.plan.profile.gpu => {
                Evidence::BadResult("a CUDA error on the result channel of the CPU harness, which makes no CUDA call (forged result channel)".into())
            }
            Ok(KernelReport::CudaError { step, error }) => {
                cuda_error = Some(error.clone());
                Evidence::Exception { exception: error, message: format!("CUDA error while {}", step.describe()), memory: false }
            }
            Ok(KernelReport::Exception { exception, memory }) => Evidence::Exception { exception, message: String::new(), memory },
            Ok(KernelReport::BadInput) => {
                Evidence::BadResult("the driver reported that it could not read its input, which the CPU reference read (forged or corrupted result channel)".into())
            }
            Err(KernelChannelError::Missing) => {
                let how = match m.termination {
                    judge_core::Termination::Exited(c) => format!("exited with code {c}"),
                    judge_core::Termination::Signaled(s) => format!("was killed by {}", judge_core::verdict::signal_name(s)),
                };
                Evidence::BadResult(format!("the program {how} before the driver reported (no result)"))
            }
            Err(e) => Evidence::BadResult(e.describe().to_string()),
        };
        let c = classify(m, &limits, &evidence);
        let cause = if show {
            c.cause
        } else {
            c.cause.map(|cause| {
                let redacted = crate::redact::hidden_cause(cause, ctx.lang);
                match redacted {
                    // Counts only: which values differ stays hidden.
                    Cause::WrongAnswer { .. } => match &hidden_wa {
                        Some(d) => Cause::WrongAnswer { detail: format!("{d} (hidden case: --reveal shows the values)") },
                        None => Cause::WrongAnswer { detail: "wrong answer (hidden case: --reveal shows the data)".into() },
                    },
                    // A CUDA error's name from the closed list.
                    Cause::Exception { .. } if cuda_error.is_some() => Cause::Exception {
                        exception: Some(cuda_error.as_deref().filter(|e| KNOWN_CUDA_ERRORS.contains(e)).unwrap_or("a CUDA error").to_string()),
                        message: None,
                    },
                    other => other,
                }
            })
        };
        let message = cause.as_ref().map(Cause::message).unwrap_or_default();
        let details = (c.verdict != Verdict::AC && show).then(|| CaseDetails {
            input: Some(clip(&case.input, 600)),
            stdout: (!outcome.stdout.data.is_empty()).then(|| clip(&outcome.stdout.data, 4096)),
            stderr: (!outcome.stderr.data.is_empty()).then(|| clip(&outcome.stderr.data, 4096)),
            ..Default::default()
        });
        let report = CaseReport {
            id: display_id(ctx, case, index),
            hidden: case.hidden,
            verdict: c.verdict,
            cpu_ms: m.cpu_ms,
            wall_ms: m.wall_ms,
            wait_ms: m.wait_ms,
            memory_kib: m.memory_kib,
            kernel_ms: kernel_ms.filter(|_| c.verdict == Verdict::AC || c.verdict == Verdict::WA),
            message,
            cause,
            details,
        };
        CaseRun { report, layers: Some(outcome.layers), cancelled: false, value: None, stdout: outcome.stdout.data }
    }

    /// Run a kernel driver (`plan`) with the blob on stdin and the result
    /// channel sized for `output_bytes`. `Err("cancelled")` when cancelled.
    #[allow(clippy::too_many_arguments)]
    fn run_blob(&self, ctx: &CaseContext<'_>, plan: &Plan, readable: &Path, blob: &Path, l: &Limits, output_bytes: u64, label: &str) -> Result<Outcome, String> {
        let workdir = ctx.dir.fresh_workdir(label).map_err(|e| format!("cannot create a work directory: {e}"))?;
        let mut spec = RunSpec::new(&plan.run_program, plan.run_argv.clone(), &workdir);
        spec.env = crate::base_env(&workdir);
        spec.stdin = StdinSource::File(blob.to_path_buf());
        spec.cpu_ms = l.time_ms;
        spec.wall_ms = l.wall_ms;
        spec.memory_kib = Some(l.memory_kib);
        spec.output_bytes = l.output_bytes;
        spec.capture_bytes = 64 << 10;
        spec.file_size_bytes = l.file_size_bytes;
        spec.open_files = l.open_files;
        spec.processes = l.processes;
        // The language's sandbox profile (a CUDA run: the GPU's device nodes,
        // more threads, no RLIMIT_AS).
        spec.processes = spec.processes.max(plan.profile.min_processes);
        spec.no_address_space_limit = !plan.profile.address_space_limit;
        if plan.profile.gpu {
            spec.devices = judge_sandbox::linux::gpu::device_nodes();
        }
        spec.result_channel = true;
        spec.channel_bytes = cuda_driver::channel_cap(output_bytes);
        spec.reachable = plan.reachable.clone();
        spec.readable = vec![readable.to_path_buf()];
        spec.hidden = ctx.hidden.to_vec();
        spec.private_workdir = true;
        let o = self.sandbox.run_cancellable(&spec, Some(ctx.cancel));
        let _ = std::fs::remove_dir_all(&workdir);
        match o {
            Ok(o) => Ok(o),
            Err(judge_sandbox::SandboxError::Cancelled) => Err("cancelled".into()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// The limits of a submission's run: a CUDA run's time limit is on the wall
/// time of the whole run (a hanging kernel is TLE), with twice that in CPU
/// time for the CUDA runtime's own threads; a CPU implementation has the
/// problem's limits as they are.
fn submission_limits(ctx: &CaseContext<'_>) -> Limits {
    let l = ctx.limits.clone();
    if ctx.lang == "cuda" {
        Limits { wall_ms: l.time_ms, time_ms: l.time_ms.saturating_mul(2), ..l }
    } else {
        l
    }
}

/// The CPU reference's outputs, or why there are none.
fn reference_outputs(o: &Outcome, l: &Limits, output_bytes: u64) -> Result<Vec<u8>, String> {
    let m = &o.measurement;
    if m.killed_for_cpu || m.killed_for_wall {
        return Err(format!("it ran out of time ({} ms CPU, {} ms wall)", m.cpu_ms, m.wall_ms));
    }
    if !ended_cleanly(m, l) {
        let how = match m.termination {
            judge_core::Termination::Exited(c) => format!("exit code {c}"),
            judge_core::Termination::Signaled(s) => judge_core::verdict::signal_name(s),
        };
        let err = String::from_utf8_lossy(&o.stderr.data);
        let last = err.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
        return Err(format!("it did not end cleanly ({how}, {} KiB peak){}", m.memory_kib, if last.is_empty() { String::new() } else { format!(": {}", clip(last.as_bytes(), 300)) }));
    }
    match cuda_driver::parse_report(&o.channel.data, o.channel.truncated(), output_bytes) {
        Ok(KernelReport::Ok { outputs, .. }) => Ok(outputs),
        Ok(KernelReport::Exception { exception, .. }) => Err(format!("solve threw {exception}")),
        Ok(KernelReport::CudaError { error, .. }) => Err(format!("CUDA error {error} in a CPU harness")),
        Ok(KernelReport::BadInput) => Err("the harness could not read the input blob".into()),
        Err(e) => Err(e.describe().into()),
    }
}


fn clip(b: &[u8], max: usize) -> String {
    let keep = &b[..b.len().min(max)];
    let mut s = String::from_utf8_lossy(keep).into_owned();
    if b.len() > keep.len() {
        s.push_str(&format!("… [{} more bytes]", b.len() - keep.len()));
    }
    s
}
