//! `problem.toml`: the problem manifest.
//!
//! ```toml
//! id = "longest-clean-span"      # must equal the directory name
//! title = "Longest clean span"
//! kind = "function"              # or "stdio"
//! tags = ["two-pointers"]        # optional
//!
//! [limits]
//! time_ms = 2000                 # CPU time limit per case (user + sys)
//! memory_mib = 256
//! wall_ms = 7000                 # optional; default 3 × time + 1000
//! output_kib = 65536             # optional; stdout and stderr each
//!
//! [function]                     # function problems only
//! signature = "longest_clean_span(tokens: list[int], banned: list[int]) -> int"
//!
//! [[wrong]]                      # known-wrong solutions (judge verify rejects them)
//! file = "wrong/off_by_one.py"
//! verdicts = ["WA"]
//! why = "stops one token early"
//!
//! validator = "validator.py"     # optional top-level keys (before any table):
//! generator = "gen.py"           # input validator, deterministic generator
//!
//! [checker]                      # optional
//! type = "typed"                 # function default; float_abs/float_rel tolerances
//! # type = "tokens" | "lines" | "exact"   (stdio; "tokens" is the default)
//! # type = "program", program = "checker.py"
//! ```
//! Unknown fields are errors, so a typo never silently falls back to a default.

use judge_core::Limits;
use serde::Deserialize;

/// The kind of problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProblemKind {
    /// A typed function is called through a driver; results travel as JSON.
    Function,
    /// A program reads stdin and writes stdout, judged by a checker.
    Stdio,
    /// A CUDA kernel problem: the user's `extern "C" void solve(...)` on
    /// device buffers, compared with the CPU reference within a tolerance
    /// (table `[cuda]`).
    Cuda,
}

/// `[limits]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestLimits {
    /// CPU time limit per case, ms.
    pub time_ms: u64,
    /// Memory limit, MiB.
    pub memory_mib: u64,
    /// Wall limit, ms (default 3 × time + 1000).
    pub wall_ms: Option<u64>,
    /// Output limit per stream, KiB (default 65536).
    pub output_kib: Option<u64>,
    /// Process limit (default 64).
    pub processes: Option<u64>,
}

/// `[function]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionSpec {
    /// `name(p: type, ...) -> type`.
    pub signature: String,
}

/// `[cuda]`: a kernel problem's signature and tolerance.
///
/// ```toml
/// [cuda]
/// signature = "solve(A: in f32[N], B: in f32[N], C: out f32[N], N: i32)"
/// atol = 1e-5        # a value passes if |a - e| <= atol + rtol*|e|
/// rtol = 1e-5
/// repeats = 20       # optional: timed repetitions (median reported), default 10
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CudaSpec {
    /// The kernel signature (grammar in `judge_core::kernel`).
    pub signature: String,
    /// Absolute tolerance, ≥ 0.
    pub atol: f64,
    /// Relative tolerance, ≥ 0.
    pub rtol: f64,
    /// Timed repetitions, 1 to 1000 (default [`CudaSpec::DEFAULT_REPEATS`]).
    #[serde(default)]
    pub repeats: Option<u32>,
}

impl CudaSpec {
    /// Timed repetitions when the manifest names none.
    pub const DEFAULT_REPEATS: u32 = 10;
    /// Most timed repetitions a manifest may ask for.
    pub const MAX_REPEATS: u32 = 1000;

    /// The repetitions in force.
    pub fn repeats(&self) -> u32 {
        self.repeats.unwrap_or(Self::DEFAULT_REPEATS)
    }
}

/// How a stdio answer is compared (see `judge-check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextMode {
    /// Byte for byte.
    Exact,
    /// Line by line, ignoring trailing whitespace and CR before LF.
    Lines,
    /// Whitespace-separated tokens.
    Tokens,
}

/// `[checker]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum CheckerSpec {
    /// Function problems: compare by declared type; floats within `float_abs`
    /// or `float_rel` (defaults 1e-9 each).
    Typed {
        #[serde(default)]
        float_abs: Option<f64>,
        #[serde(default)]
        float_rel: Option<f64>,
    },
    /// stdio: byte-exact.
    Exact,
    /// stdio: line-wise, trailing whitespace ignored.
    Lines,
    /// stdio: token-wise; `case_insensitive` optional.
    Tokens {
        #[serde(default)]
        case_insensitive: bool,
    },
    /// stdio: tokens, numbers within `abs` or `rel` (at least one required).
    Float {
        #[serde(default)]
        abs: Option<f64>,
        #[serde(default)]
        rel: Option<f64>,
        #[serde(default)]
        case_insensitive: bool,
    },
    /// stdio: lines as a multiset.
    Unordered,
    /// stdio: the Kattis default output validator with its flags (used for
    /// problem packages).
    #[serde(rename = "kattis-default")]
    KattisDefault {
        #[serde(default)]
        float_abs: Option<f64>,
        #[serde(default)]
        float_rel: Option<f64>,
        #[serde(default)]
        case_sensitive: bool,
        #[serde(default)]
        space_change_sensitive: bool,
    },
    /// A checker program in the problem directory (see `docs/checkers.md`).
    Program {
        /// The program's path, relative to the problem directory (`.py` or `.cpp`).
        program: String,
        /// Its interface: `json` (function problems, the default there),
        /// `kattis` (stdio default) or `testlib`.
        #[serde(default)]
        interface: Option<CheckerInterface>,
        /// Extra arguments (Kattis: the validator flags).
        #[serde(default)]
        args: Vec<String>,
    },
}

/// How a checker program is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckerInterface {
    /// `{"args","expected","actual"}` on stdin; exit 0 accepts, 1 rejects (function problems).
    Json,
    /// Kattis output validator: `prog input answer feedback_dir [args] < output`; 42 AC, 43 WA.
    Kattis,
    /// testlib checker: `prog input output answer`; 0 ok, 1 wa, 2 pe, 3 fail, 7 points.
    Testlib,
}

/// A parsed `problem.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Problem id (kebab-case, equals the directory name).
    pub id: String,
    /// Title.
    pub title: String,
    /// Function or stdio.
    pub kind: ProblemKind,
    /// Free-form tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Difficulty label.
    #[serde(default)]
    pub difficulty: Option<String>,
    /// Limits.
    pub limits: ManifestLimits,
    /// Signature, for function problems.
    pub function: Option<FunctionSpec>,
    /// Signature and tolerance, for kernel problems (`kind = "cuda"`).
    #[serde(default)]
    pub cuda: Option<CudaSpec>,
    /// Checker (default: `typed` for function problems, `tokens` for stdio).
    #[serde(default, rename = "checker")]
    checker_table: Option<CheckerSpec>,
    /// The checker in force, defaults resolved.
    #[serde(skip, default = "default_checker")]
    pub checker: CheckerSpec,
    /// Known-wrong solutions kept in the problem's folder (`[[wrong]]`), which
    /// `judge verify` must see rejected.
    #[serde(default)]
    pub wrong: Vec<WrongSolution>,
    /// An input validator program in the problem's folder (`validator.py`):
    /// it reads one case's input (function problems: the JSON array of
    /// arguments; stdio: the stdin) on stdin and exits 0 when the input meets
    /// the statement's constraints, 1 (first line of stdout: why) when not.
    #[serde(default)]
    pub validator: Option<String>,
    /// A deterministic generator in the problem's folder (`gen.py`), run as
    /// `python3 gen.py` in a copy of the folder: it writes `cases/` (expected
    /// values from the reference solution); the same seed must give the same
    /// cases byte for byte.
    #[serde(default)]
    pub generator: Option<String>,
    /// Per-language build settings (`[languages]`), e.g. `cpp_std = "gnu++23"`.
    #[serde(default)]
    pub languages: LanguageSettings,
}

/// A problem's `[languages]` table: the language standard per compiled
/// language, as `<language id>_std` keys.
///
/// ```toml
/// [languages]
/// cpp_std = "gnu++23"   # g++ -std=gnu++23 instead of the table's gnu++20
/// c_std = "c11"
/// cuda_std = "c++17"
/// ```
/// `judge run --std` wins over it. The value must be letters, digits and `+`
/// (at most 16); the compiler decides whether it knows it (else CE).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageSettings {
    /// C++ standard (`-std=` of g++).
    #[serde(default)]
    pub cpp_std: Option<String>,
    /// C standard (`-std=` of gcc).
    #[serde(default)]
    pub c_std: Option<String>,
    /// CUDA C++ standard (`-std=` of nvcc).
    #[serde(default)]
    pub cuda_std: Option<String>,
}

impl LanguageSettings {
    /// The standard set for language `id` (`cpp`, `c`, `cuda`), if any.
    pub fn std_for(&self, id: &str) -> Option<&str> {
        let v = match id {
            "cpp" => &self.cpp_std,
            "c" => &self.c_std,
            "cuda" => &self.cuda_std,
            _ => &None,
        };
        v.as_deref()
    }
}

/// One `[[wrong]]` entry: a known-wrong solution and what it must get.
///
/// ```toml
/// [[wrong]]
/// file = "wrong/no_max_shift.py"     # relative to the problem folder
/// verdicts = ["RE", "WA"]            # any of these; never AC
/// why = "exp overflows without subtracting the max logit"
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrongSolution {
    /// Path relative to the problem folder (`wrong/NAME.py` or `.cpp`).
    pub file: String,
    /// The verdicts it may get (codes: `WA`, `TLE`, `RE`, `MLE`, `OLE`); at least one.
    pub verdicts: Vec<String>,
    /// The mistake it makes, in a few words.
    pub why: String,
}

fn default_checker() -> CheckerSpec {
    CheckerSpec::Tokens { case_insensitive: false }
}

/// Upper bounds that catch a typo turning a limit off.
const MAX_TIME_MS: u64 = 10 * 60 * 1000;
const MAX_MEMORY_MIB: u64 = 64 * 1024;
const MAX_OUTPUT_KIB: u64 = 4 * 1024 * 1024;
const MAX_PROCESSES: u64 = 4096;

impl Manifest {
    /// A stdio manifest built in code (for problem packages).
    pub fn stdio(id: String, title: String, limits: ManifestLimits, checker: CheckerSpec) -> Manifest {
        Manifest {
            id,
            title,
            kind: ProblemKind::Stdio,
            tags: Vec::new(),
            difficulty: None,
            limits,
            function: None,
            cuda: None,
            checker_table: Some(checker.clone()),
            checker,
            wrong: Vec::new(),
            validator: None,
            generator: None,
            languages: LanguageSettings::default(),
        }
    }

    /// Parse and validate manifest text; the error names the field and what was expected.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let mut m: Manifest = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
        // serde ignores extra keys of field-less variants: check them here.
        if let Ok(raw) = toml::from_str::<toml::Table>(text) {
            if let Some(toml::Value::Table(c)) = raw.get("checker") {
                let ty = c.get("type").and_then(|v| v.as_str()).unwrap_or("");
                let allowed: &[&str] = match ty {
                    "exact" | "lines" | "unordered" => &["type"],
                    "tokens" => &["type", "case_insensitive"],
                    "float" => &["type", "abs", "rel", "case_insensitive"],
                    "typed" => &["type", "float_abs", "float_rel"],
                    "kattis-default" => &["type", "float_abs", "float_rel", "case_sensitive", "space_change_sensitive"],
                    "program" => &["type", "program", "interface", "args"],
                    _ => &[],
                };
                if let Some(k) = c.keys().find(|k| !allowed.is_empty() && !allowed.contains(&k.as_str())) {
                    return Err(format!("field `checker.{k}`: not used by checker type \"{ty}\" (allowed: {})", allowed.join(", ")));
                }
            }
        }
        for (key, v) in [("cpp_std", &m.languages.cpp_std), ("c_std", &m.languages.c_std), ("cuda_std", &m.languages.cuda_std)] {
            if let Some(v) = v {
                if v.is_empty() || v.len() > 16 || !v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+') {
                    return Err(format!("field `languages.{key}`: `{v}` is not a language standard (expected e.g. gnu++23, c++17, gnu17)"));
                }
            }
        }
        match (m.kind, &m.function) {
            (ProblemKind::Function, None) => {
                return Err("missing table `[function]` with `signature`: required when kind = \"function\"".into())
            }
            (ProblemKind::Stdio | ProblemKind::Cuda, Some(_)) => {
                return Err("table `[function]` is only allowed when kind = \"function\"".into())
            }
            _ => {}
        }
        match (m.kind, &m.cuda) {
            (ProblemKind::Cuda, None) => {
                return Err("missing table `[cuda]` with `signature`, `atol` and `rtol`: required when kind = \"cuda\"".into())
            }
            (ProblemKind::Function | ProblemKind::Stdio, Some(_)) => {
                return Err("table `[cuda]` is only allowed when kind = \"cuda\"".into())
            }
            (ProblemKind::Cuda, Some(c)) => {
                if m.checker_table.is_some() {
                    return Err("table `[checker]`: not used when kind = \"cuda\" (outputs are compared with `cuda.atol` and `cuda.rtol`)".into());
                }
                for (name, v) in [("atol", c.atol), ("rtol", c.rtol)] {
                    if !(v.is_finite() && v >= 0.0) {
                        return Err(format!("field `cuda.{name}`: expected a finite number ≥ 0, found {v}"));
                    }
                }
                if let Some(r) = c.repeats {
                    if r == 0 || r > CudaSpec::MAX_REPEATS {
                        return Err(format!("field `cuda.repeats`: expected a number from 1 to {}, found {r}", CudaSpec::MAX_REPEATS));
                    }
                }
                judge_core::kernel::KernelSignature::parse(&c.signature).map_err(|e| format!("field `cuda.signature`: {e}"))?;
            }
            _ => {}
        }
        m.checker = match (m.kind, m.checker_table.clone()) {
            (_, Some(c)) => c,
            (ProblemKind::Function, None) => CheckerSpec::Typed { float_abs: None, float_rel: None },
            (ProblemKind::Stdio, None) => default_checker(),
            // Not used: kernel outputs are compared by `judge_check::tolerance`.
            (ProblemKind::Cuda, None) => CheckerSpec::Typed { float_abs: None, float_rel: None },
        };
        if let CheckerSpec::Typed { float_abs, float_rel } = &m.checker {
            for (name, v) in [("float_abs", float_abs), ("float_rel", float_rel)] {
                if v.is_some_and(|v| !(v.is_finite() && v >= 0.0)) {
                    return Err(format!("field `checker.{name}`: expected a finite number ≥ 0"));
                }
            }
        }
        match (&m.kind, &mut m.checker) {
            (
                ProblemKind::Function,
                CheckerSpec::Exact
                | CheckerSpec::Lines
                | CheckerSpec::Tokens { .. }
                | CheckerSpec::Float { .. }
                | CheckerSpec::Unordered
                | CheckerSpec::KattisDefault { .. },
            ) => return Err("field `checker.type`: expected \"typed\" or \"program\" for a function problem".into()),
            (ProblemKind::Stdio, CheckerSpec::Typed { .. }) => {
                return Err("field `checker.type`: expected \"exact\", \"lines\", \"tokens\", \"float\", \"unordered\" or \"program\" for a stdio problem".into())
            }
            (ProblemKind::Function, CheckerSpec::Program { interface, .. }) => match interface {
                None => *interface = Some(CheckerInterface::Json),
                Some(CheckerInterface::Json) => {}
                Some(_) => return Err("field `checker.interface`: expected \"json\" for a function problem".into()),
            },
            (ProblemKind::Stdio, CheckerSpec::Program { interface, .. }) => match interface {
                None => *interface = Some(CheckerInterface::Kattis),
                Some(CheckerInterface::Json) => {
                    return Err("field `checker.interface`: expected \"kattis\" or \"testlib\" for a stdio problem".into())
                }
                Some(_) => {}
            },
            (ProblemKind::Stdio, CheckerSpec::Float { abs, rel, .. }) => {
                if abs.is_none() && rel.is_none() {
                    return Err("table `[checker]`: type \"float\" needs `abs` and/or `rel`".into());
                }
                for (name, v) in [("abs", abs), ("rel", rel)] {
                    if v.is_some_and(|v| !(v.is_finite() && v >= 0.0)) {
                        return Err(format!("field `checker.{name}`: expected a finite number ≥ 0"));
                    }
                }
            }
            _ => {}
        }
        for (i, w) in m.wrong.iter().enumerate() {
            if w.verdicts.is_empty() {
                return Err(format!("field `wrong[{i}].verdicts`: expected at least one verdict (WA, TLE, RE, MLE, OLE)"));
            }
            for v in &w.verdicts {
                if !matches!(judge_core::Verdict::from_code(v), Some(judge_core::Verdict::WA | judge_core::Verdict::TLE | judge_core::Verdict::RE | judge_core::Verdict::MLE | judge_core::Verdict::OLE | judge_core::Verdict::CE)) {
                    return Err(format!("field `wrong[{i}].verdicts`: `{v}` is not a rejecting verdict (expected WA, TLE, RE, MLE, OLE or CE)"));
                }
            }
            if w.file.contains("..") || w.file.starts_with('/') {
                return Err(format!("field `wrong[{i}].file`: expected a path inside the problem folder, found `{}`", w.file));
            }
        }
        let range = |field: &str, v: u64, max: u64| -> Result<(), String> {
            if v == 0 || v > max {
                Err(format!("field `limits.{field}`: expected a number from 1 to {max}, found {v}"))
            } else {
                Ok(())
            }
        };
        range("time_ms", m.limits.time_ms, MAX_TIME_MS)?;
        range("memory_mib", m.limits.memory_mib, MAX_MEMORY_MIB)?;
        if let Some(w) = m.limits.wall_ms {
            range("wall_ms", w, 3 * MAX_TIME_MS)?;
            if w < m.limits.time_ms {
                return Err(format!("field `limits.wall_ms`: expected at least `limits.time_ms` ({}), found {w}", m.limits.time_ms));
            }
        }
        if let Some(o) = m.limits.output_kib {
            range("output_kib", o, MAX_OUTPUT_KIB)?;
        }
        if let Some(p) = m.limits.processes {
            range("processes", p, MAX_PROCESSES)?;
        }
        if m.id.is_empty() || !m.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            return Err(format!("field `id`: expected lower-case letters, digits and dashes, found `{}`", m.id));
        }
        Ok(m)
    }

    /// The run limits this manifest asks for.
    pub fn limits(&self) -> Limits {
        let mut l = Limits::from_time_memory(self.limits.time_ms, self.limits.memory_mib * 1024);
        if let Some(w) = self.limits.wall_ms {
            l.wall_ms = w;
        }
        if let Some(o) = self.limits.output_kib {
            l.output_bytes = o * 1024;
        }
        if let Some(p) = self.limits.processes {
            l.processes = p;
        }
        l
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
id = "p"
title = "P"
kind = "function"
[limits]
time_ms = 1000
memory_mib = 64
[function]
signature = "f(a: int) -> int"
"#;

    #[test]
    fn parses_and_defaults_the_checker() {
        let m = Manifest::parse(OK).unwrap();
        assert_eq!(m.checker, CheckerSpec::Typed { float_abs: None, float_rel: None });
        assert_eq!(m.limits().wall_ms, 4000);
    }

    const CUDA: &str = r#"
id = "vector-add"
title = "Vector addition"
kind = "cuda"
[limits]
time_ms = 2000
memory_mib = 1024
[cuda]
signature = "solve(A: in f32[N], B: in f32[N], C: out f32[N], N: i32)"
atol = 1e-5
rtol = 1e-5
"#;

    #[test]
    fn cuda_manifests_are_checked_field_by_field() {
        let m = Manifest::parse(CUDA).unwrap();
        assert_eq!(m.kind, ProblemKind::Cuda);
        assert_eq!(m.cuda.as_ref().unwrap().repeats(), CudaSpec::DEFAULT_REPEATS);
        for (edit, why) in [
            (CUDA.replace("rtol = 1e-5", "rtol = 1e-5\nrepeat = 3"), "repeat"),
            (CUDA.replace("rtol = 1e-5", "rtol = 1e-5\nrepeats = 0"), "field `cuda.repeats`"),
            (CUDA.replace("atol = 1e-5", "atol = -1.0"), "field `cuda.atol`"),
            (CUDA.replace("atol = 1e-5\n", ""), "atol"),
            (CUDA.replace("out f32[N]", "out f32[M]"), "field `cuda.signature`: parameter `C`"),
            (CUDA.replace("[cuda]", "[checker]\ntype = \"typed\"\n[cuda]"), "table `[checker]`"),
            (CUDA.replace("kind = \"cuda\"", "kind = \"stdio\""), "table `[cuda]` is only allowed"),
        ] {
            let e = Manifest::parse(&edit).unwrap_err();
            assert!(e.contains(why), "{why}: {e}");
        }
        let e = Manifest::parse(&CUDA[..CUDA.find("[cuda]").unwrap()]).unwrap_err();
        assert!(e.contains("missing table `[cuda]`"), "{e}");
    }

    #[test]
    fn errors_name_the_field() {
        let e = Manifest::parse(&OK.replace("time_ms = 1000", "time_ms = \"fast\"")).unwrap_err();
        assert!(e.contains("time_ms"), "{e}");
        let e = Manifest::parse(&OK.replace("title = \"P\"", "title = \"P\"\ntitel = 1")).unwrap_err();
        assert!(e.contains("titel"), "{e}");
        let e = Manifest::parse(&OK.replace("[function]\nsignature = \"f(a: int) -> int\"", "")).unwrap_err();
        assert!(e.contains("[function]"), "{e}");
    }
}
