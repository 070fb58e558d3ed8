//! Problem packages in the Kattis/ICPC problem package format, read as they
//! are: the legacy version and the 2023-07/2025-09 versions.
//!
//! Source: the format's public specification (legacy and 2025-09).
//! - `problem.yaml`: `name` (string or map by language), `type`
//!   (`pass-fail`, `scoring`, `interactive`, ...), legacy `validation`
//!   (`default` / `custom [interactive] [score]`) and `validator_flags`,
//!   `limits` (`time_limit` in seconds; `time_multipliers.ac_to_time_limit`,
//!   `time_multipliers.time_limit_to_tle`, `time_resolution`; legacy
//!   `time_multiplier`, `time_safety_margin`; `memory` and `output` in MiB).
//! - `data/sample/*.in|.ans`, `data/secret/**/*.in|.ans`: groups nested to any
//!   depth, cases and groups in lexicographic order of their names.
//! - output validator flags: legacy `validator_flags`, `output_validator_flags`
//!   of `testdata.yaml`, or `output_validator_args` of `test_group.yaml`.
//! - `output_validators/` (legacy, the first one is used) or `output_validator/`:
//!   a C++ or Python program, a single file or a folder.
//! - `input_validators/` (or legacy `input_format_validators/`): used by `judge verify`;
//!   programs (a C, C++ or Python file, or a folder of C/C++ sources or with
//!   `__main__.py`) and checktestdata (`.ctd`) files; VIVA (`.viva`) files and
//!   folders with `build`/`run` scripts are listed as not run.
//! - `submissions/<folder>/`: used by `judge verify` and to derive a time limit.
//! - `include/<language>/` and `include/default/` (2025-09 "Included files"):
//!   files added to every submission of that language before it is built.
//! - `constants` (2025-09): `{{name}}` / `{{name.variant}}` replaced in
//!   validators, included files, example submissions, `test_group.yaml` and
//!   statements (not in test data nor in problem.yaml itself).
//!
//! Interactive problems are reported as unsupported; scoring problems are
//! judged pass-fail.

use crate::manifest::{CheckerInterface, CheckerSpec, Manifest, ManifestLimits};
use crate::{invalid, Case, CheckerProgram, Problem, RegistryError};
use std::path::{Path, PathBuf};
use yaml_rust2::{Yaml, YamlLoader};

/// Default memory limit of packages that give none, MiB.
pub const DEFAULT_MEMORY_MIB: u64 = 1024;
/// Default output limit of packages that give none, MiB (the spec's typical 8).
pub const DEFAULT_OUTPUT_MIB: u64 = 8;

/// Files by name: (file name, contents).
pub type Files = Vec<(String, Vec<u8>)>;
/// `constants` of problem.yaml: (name, [(variant, text)]), `value` first.
pub type Constants = Vec<(String, Vec<(String, String)>)>;

/// What a package adds to a problem: time-limit rules, validators, submissions.
#[derive(Debug, Clone)]
pub struct PackageInfo {
    /// The package directory.
    pub dir: PathBuf,
    /// `legacy` or the `problem_format_version`.
    pub format: String,
    /// The time limit given by `problem.yaml`, seconds.
    pub time_limit_s: Option<f64>,
    /// Slowest accepted × this = time limit (2025-09 `ac_to_time_limit`, default
    /// 2.0; legacy `time_multiplier`, default 5).
    pub ac_to_time_limit: f64,
    /// A TLE submission must still time out at time limit × this (2025-09
    /// `time_limit_to_tle`, default 1.5; legacy `time_safety_margin`, default 2).
    pub time_limit_to_tle: f64,
    /// Time limits are multiples of this, seconds (default 1).
    pub time_resolution: f64,
    /// Input validators (`validator [args] < input`, exit 42 = valid).
    pub input_validators: Vec<CheckerProgram>,
    /// Arguments for the input validators.
    pub input_validator_args: Vec<String>,
    /// Submissions: (folder, path of a file or folder).
    pub submissions: Vec<(String, PathBuf)>,
    /// Checktestdata input validators (`.ctd`): (file name, script).
    pub checktestdata: Vec<(String, Vec<u8>)>,
    /// Input validators judge cannot run: (name, why).
    pub validators_not_run: Vec<(String, String)>,
    /// Files added to every submission, by judge language id (`python`,
    /// `cpp`, `c`; from `include/<language>/`, else `include/default/`),
    /// constants already substituted: (language id, [(file name, contents)]).
    pub includes: Vec<(String, Files)>,
    /// Files of `include/default/` (for languages without their own folder).
    pub include_default: Vec<(String, Vec<u8>)>,
    /// `constants` of problem.yaml: (name, [(variant, text)]), `value` first.
    pub constants: Constants,
    /// Settings of the package judge reads but does not act on, one line each
    /// (visualizer arguments, static validation, ...).
    pub notes: Vec<String>,
}

impl PackageInfo {
    /// The time limit from the slowest accepted run (seconds): the smallest
    /// multiple of the resolution ≥ slowest × `ac_to_time_limit`.
    pub fn derive_time_limit(&self, slowest_accepted_s: f64) -> f64 {
        let want = slowest_accepted_s * self.ac_to_time_limit;
        let res = if self.time_resolution > 0.0 { self.time_resolution } else { 1.0 };
        ((want / res).ceil() * res).max(res)
    }

    /// The files `include/` adds to a submission in judge language `lang`
    /// (`python`, `cpp`, `c`): its own folder, else `include/default/`.
    pub fn include_files(&self, lang: &str) -> &[(String, Vec<u8>)] {
        self.includes.iter().find(|(l, _)| l == lang).map(|(_, f)| f.as_slice()).unwrap_or(&self.include_default)
    }

    /// `text` with every `{{name}}` / `{{name.variant}}` of a defined constant
    /// replaced (2025-09 "Constants"); unknown names are left as they are.
    pub fn substitute(&self, text: &[u8]) -> Vec<u8> {
        substitute_constants(&self.constants, text)
    }
}

/// Replace `{{name}}` / `{{name.variant}}` sequences of known constants.
fn substitute_constants(constants: &[(String, Vec<(String, String)>)], text: &[u8]) -> Vec<u8> {
    if constants.is_empty() || !text.windows(2).any(|w| w == b"{{") {
        return text.to_vec();
    }
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i..].starts_with(b"{{") {
            if let Some(end) = text[i + 2..].windows(2).position(|w| w == b"}}") {
                let inner = String::from_utf8_lossy(&text[i + 2..i + 2 + end]);
                let (name, variant) = inner.split_once('.').unwrap_or((&inner, "value"));
                let value = constants.iter().find(|(n, _)| n == name).and_then(|(_, vs)| vs.iter().find(|(v, _)| v == variant));
                if let Some((_, v)) = value {
                    out.extend_from_slice(v.as_bytes());
                    i += 2 + end + 2;
                    continue;
                }
            }
        }
        out.push(text[i]);
        i += 1;
    }
    out
}

/// Read `constants` of problem.yaml: a scalar, or a map with `value` and variants.
fn read_constants(y: &Yaml, file: &str) -> Result<Constants, RegistryError> {
    let scalar = |v: &Yaml| -> Option<String> {
        match v {
            Yaml::String(s) => Some(s.clone()),
            Yaml::Integer(i) => Some(i.to_string()),
            Yaml::Real(r) => Some(r.clone()),
            _ => None,
        }
    };
    let mut out = Vec::new();
    let Yaml::Hash(h) = y else {
        return match y {
            Yaml::BadValue | Yaml::Null => Ok(out),
            _ => Err(invalid(file, "field `constants`: expected a map of names to values")),
        };
    };
    for (k, v) in h {
        let name = k.as_str().unwrap_or("").to_string();
        let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(invalid(file, format!("field `constants`: `{name}` is not a valid name (expected [a-zA-Z_][a-zA-Z0-9_]*)")));
        }
        let variants = match v {
            Yaml::Hash(m) => {
                let mut vs = Vec::new();
                let value = scalar(&v["value"]).ok_or_else(|| invalid(file, format!("field `constants.{name}`: a map needs a `value` (integer, float or string)")))?;
                vs.push(("value".to_string(), value));
                for (vk, vv) in m {
                    let vk = vk.as_str().unwrap_or("").to_string();
                    if vk == "value" {
                        continue;
                    }
                    let text = scalar(vv).ok_or_else(|| invalid(file, format!("field `constants.{name}.{vk}`: expected an integer, float or string")))?;
                    vs.push((vk, text));
                }
                vs
            }
            other => vec![("value".to_string(), scalar(other).ok_or_else(|| invalid(file, format!("field `constants.{name}`: expected an integer, float, string or a map with `value`")))?)],
        };
        out.push((name, variants));
    }
    Ok(out)
}

/// A fingerprint of a package: BLAKE3 (hex) over the relative path and
/// contents of every file under `dir`, in path order (symbolic links are
/// hashed by their target text, not followed). Used to key cached derived
/// time limits. Errors name the file that could not be read.
pub fn package_hash(dir: &Path) -> Result<String, RegistryError> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), RegistryError> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).map_err(|e| invalid(dir.display().to_string(), e.to_string()))?.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            let meta = std::fs::symlink_metadata(&p).map_err(|e| invalid(p.display().to_string(), e.to_string()))?;
            if meta.is_dir() {
                walk(&p, out)?;
            } else {
                out.push(p);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    let mut h = blake3::Hasher::new();
    for f in files {
        let rel = f.strip_prefix(dir).unwrap_or(&f).to_string_lossy().into_owned();
        let meta = std::fs::symlink_metadata(&f).map_err(|e| invalid(f.display().to_string(), e.to_string()))?;
        let bytes = if meta.file_type().is_symlink() {
            std::fs::read_link(&f).map(|t| t.to_string_lossy().into_owned().into_bytes())
        } else {
            std::fs::read(&f)
        }
        .map_err(|e| invalid(f.display().to_string(), e.to_string()))?;
        h.update(&(rel.len() as u64).to_le_bytes());
        h.update(rel.as_bytes());
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    Ok(h.finalize().to_hex().to_string())
}

/// The `entrypoint` that `submissions/submissions.yaml` gives for exactly
/// this submission (key `<folder>/<name>`; glob patterns are not matched), if any.
pub fn submission_entrypoint(submission: &Path) -> Option<String> {
    let name = submission.file_name()?.to_string_lossy().into_owned();
    let folder = submission.parent()?.file_name()?.to_string_lossy().into_owned();
    let y = load_yaml(&submission.parent()?.parent()?.join("submissions.yaml")).ok()??;
    let key = format!("{folder}/{name}");
    y[key.as_str()]["entrypoint"].as_str().map(String::from)
}

/// Whether `dir` is a problem package (it has a `problem.yaml`).
pub fn is_package(dir: &Path) -> bool {
    !dir.join("problem.toml").exists() && dir.join("problem.yaml").is_file()
}

/// Keys of problem.yaml in the legacy and current formats.
const PROBLEM_KEYS: &[&str] = &[
    "problem_format_version", "type", "name", "uuid", "version", "credits", "author", "source", "source_url",
    "license", "rights_owner", "limits", "validation", "validator_flags", "keywords", "languages", "constants",
    "allow_file_writing", "embargo_until", "grading", "scoring", "on_reject", "show_test_data_groups",
];
/// Keys of `limits`.
const LIMIT_KEYS: &[&str] = &[
    "time_multiplier", "time_safety_margin", "time_multipliers", "time_limit", "time_resolution", "memory",
    "output", "code", "compilation_time", "compilation_memory", "validation_time", "validation_memory",
    "validation_output", "validation_passes",
];

/// The last component of a path listed from a directory (never empty there).
fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn yaml_err(file: &Path, e: impl std::fmt::Display) -> RegistryError {
    invalid(file.display().to_string(), format!("not valid YAML: {e}"))
}

fn load_yaml(path: &Path) -> Result<Option<Yaml>, RegistryError> {
    load_yaml_with(path, &[])
}

/// Load a YAML file after replacing the constants in it (`test_group.yaml`).
fn load_yaml_with(path: &Path, constants: &[(String, Vec<(String, String)>)]) -> Result<Option<Yaml>, RegistryError> {
    if !path.is_file() {
        return Ok(None);
    }
    let bytes = std::fs::read(path).map_err(|e| invalid(path.display().to_string(), e.to_string()))?;
    let text = String::from_utf8(substitute_constants(constants, &bytes)).map_err(|_| invalid(path.display().to_string(), "not UTF-8 text"))?;
    let docs = YamlLoader::load_from_str(&text).map_err(|e| yaml_err(path, e))?;
    Ok(docs.into_iter().next())
}

fn as_f64(y: &Yaml) -> Option<f64> {
    match y {
        Yaml::Real(_) => y.as_f64(),
        Yaml::Integer(i) => Some(*i as f64),
        _ => None,
    }
}

fn number(y: &Yaml, key: &str, file: &Path, default: f64) -> Result<f64, RegistryError> {
    match &y[key] {
        Yaml::BadValue | Yaml::Null => Ok(default),
        v => as_f64(v)
            .filter(|f| *f > 0.0 && f.is_finite())
            .ok_or_else(|| invalid(file.display().to_string(), format!("field `{key}`: expected a positive number"))),
    }
}

/// Parse validator flags (`float_tolerance 1e-6 case_sensitive ...`) into the
/// default checker.
fn default_checker(flags: &[String], file: &str) -> Result<CheckerSpec, RegistryError> {
    let (mut abs, mut rel, mut case_sensitive, mut space) = (None, None, false, false);
    let mut it = flags.iter();
    while let Some(flag) = it.next() {
        let mut value = |name: &str| -> Result<f64, RegistryError> {
            it.next()
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|v| v.is_finite() && *v >= 0.0)
                .ok_or_else(|| invalid(file, format!("validator flag `{name}`: expected a number after it")))
        };
        match flag.as_str() {
            "case_sensitive" => case_sensitive = true,
            "space_change_sensitive" => space = true,
            "float_tolerance" => {
                let v = value("float_tolerance")?;
                abs = Some(v);
                rel = Some(v);
            }
            "float_absolute_tolerance" => abs = Some(value("float_absolute_tolerance")?),
            "float_relative_tolerance" => rel = Some(value("float_relative_tolerance")?),
            other => {
                return Err(invalid(
                    file,
                    format!("unknown default validator flag `{other}` (expected case_sensitive, space_change_sensitive, float_tolerance, float_absolute_tolerance, float_relative_tolerance)"),
                ))
            }
        }
    }
    Ok(CheckerSpec::KattisDefault { float_abs: abs, float_rel: rel, case_sensitive, space_change_sensitive: space })
}

fn words(y: &Yaml) -> Vec<String> {
    match y {
        Yaml::String(s) => s.split_whitespace().map(String::from).collect(),
        Yaml::Array(a) => a.iter().filter_map(|v| v.as_str().map(String::from).or_else(|| as_f64(v).map(|f| f.to_string()))).collect(),
        _ => Vec::new(),
    }
}

/// Read a program (a single file or a folder) into a [`CheckerProgram`].
fn is_c_or_cpp(n: &str) -> bool {
    [".cpp", ".cc", ".cxx", ".c++", ".C", ".c"].iter().any(|e| n.ends_with(e))
}

/// Why a validator file or folder is not a program judge can run.
fn why_not_runnable(path: &Path) -> String {
    let name = file_name(path);
    if name.ends_with(".viva") {
        "VIVA validators are not supported".into()
    } else if path.is_dir() && (path.join("build").exists() || path.join("run").exists()) {
        "programs with `build`/`run` scripts are not supported".into()
    } else if path.is_dir() {
        "no C/C++ source with main() and no __main__.py or lone .py in the folder".into()
    } else {
        "not a C, C++ or Python file".into()
    }
}

/// Read a program, with the package's constants replaced in its files.
fn read_program_with(path: &Path, interface: CheckerInterface, args: Vec<String>, constants: &[(String, Vec<(String, String)>)]) -> Result<Option<CheckerProgram>, RegistryError> {
    let supported = |n: &str| n.ends_with(".py") || is_c_or_cpp(n);
    let read = |p: &Path| std::fs::read(p).map(|b| substitute_constants(constants, &b)).map_err(|e| invalid(p.display().to_string(), e.to_string()));
    if path.is_file() {
        let name = file_name(path);
        if !supported(&name) {
            return Ok(None);
        }
        return Ok(Some(CheckerProgram { entry: name.clone(), files: vec![(name, read(path)?)], interface, args }));
    }
    if path.join("build").exists() || path.join("run").exists() {
        return Ok(None);
    }
    let mut files = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| invalid(path.display().to_string(), e.to_string()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    for p in &names {
        files.push((file_name(p), read(p)?));
    }
    // The entry: a C/C++ source with main, else __main__.py / a lone .py.
    let entry = files
        .iter()
        .find(|(n, b)| is_c_or_cpp(n) && String::from_utf8_lossy(b).contains("main("))
        .or_else(|| files.iter().find(|(n, _)| n == "__main__.py"))
        .or_else(|| files.iter().find(|(n, _)| n.ends_with(".py")))
        .map(|(n, _)| n.clone());
    Ok(entry.map(|entry| CheckerProgram { entry, files, interface, args }))
}

/// The programs of a validators folder, constants replaced, and what could
/// not be run: (name, why). Checktestdata files go with the latter as
/// `(name, "checktestdata")` for the caller to pick up; README files are ignored.
#[allow(clippy::type_complexity)]
fn programs_in_with(
    dir: &Path,
    interface: CheckerInterface,
    args: &[String],
    constants: &[(String, Vec<(String, String)>)],
) -> Result<(Vec<CheckerProgram>, Vec<(String, String)>), RegistryError> {
    let mut out = Vec::new();
    let mut other = Vec::new();
    if !dir.is_dir() {
        return Ok((out, other));
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).map_err(|e| invalid(dir.display().to_string(), e.to_string()))?.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let name = file_name(&p);
        if name.starts_with('.') || name.to_ascii_lowercase().starts_with("readme") {
            continue;
        }
        // Headers beside single-file validators are not programs.
        if p.is_file() && [".h", ".hpp", ".hh"].iter().any(|e| name.ends_with(e)) {
            continue;
        }
        if name.ends_with(".ctd") {
            other.push((name, "checktestdata".to_string()));
            continue;
        }
        match read_program_with(&p, interface, args.to_vec(), constants)? {
            Some(prog) => out.push(prog),
            None => other.push((name, why_not_runnable(&p))),
        }
    }
    Ok((out, other))
}

/// Validator arguments in force for a group (closest ancestor wins, per key).
#[derive(Debug, Clone, Default)]
struct GroupArgs {
    /// Output validator arguments and the file that set them.
    output: Option<(Vec<String>, String)>,
    /// Input validator arguments.
    input: Option<Vec<String>>,
}

const TESTDATA_KEYS: &[&str] = &[
    "on_reject", "grading", "grader_flags", "input_validator_flags", "output_validator_flags", "accept_score",
    "reject_score", "range", "scoring",
];
const TEST_GROUP_KEYS: &[&str] = &[
    "output_validator_args", "input_validator_args", "args", "scoring", "static_validation", "full_feedback",
    "max_score", "score_aggregation", "require_pass", "input_validator_flags", "output_validator_flags",
    "input_visualizer_args", "output_visualizer_args", "static_validation_score", "static_validator_args",
];
/// Keys of `test_group.yaml` (2025-09) judge accepts but does not act on, and why.
const IGNORED_TEST_GROUP_KEYS: &[(&str, &str)] = &[
    ("input_visualizer_args", "judge runs no visualizers"),
    ("output_visualizer_args", "judge runs no visualizers"),
    ("static_validation", "judge runs no static validation"),
    ("static_validation_score", "judge runs no static validation"),
    ("static_validator_args", "judge runs no static validation"),
];

fn check_keys(y: &Yaml, known: &[&str], file: &Path) -> Result<(), RegistryError> {
    if let Yaml::Hash(h) = y {
        for k in h.keys() {
            let key = k.as_str().unwrap_or("?");
            if !known.contains(&key) {
                return Err(invalid(
                    file.display().to_string(),
                    format!("unknown key `{key}` (expected one of: {})", known.join(", ")),
                ));
            }
        }
    } else if !matches!(y, Yaml::Null | Yaml::BadValue) {
        return Err(invalid(file.display().to_string(), "expected a mapping of keys to values"));
    }
    Ok(())
}

/// The settings of `dir` on top of the inherited ones.
fn group_args(dir: &Path, inherited: &GroupArgs, constants: &[(String, Vec<(String, String)>)], notes: &mut Vec<String>) -> Result<GroupArgs, RegistryError> {
    let mut g = inherited.clone();
    let testdata = dir.join("testdata.yaml");
    if let Some(t) = load_yaml(&testdata)? {
        check_keys(&t, TESTDATA_KEYS, &testdata)?;
        if !t["output_validator_flags"].is_badvalue() {
            g.output = Some((words(&t["output_validator_flags"]), testdata.display().to_string()));
        }
        if !t["input_validator_flags"].is_badvalue() {
            g.input = Some(words(&t["input_validator_flags"]));
        }
    }
    let test_group = dir.join("test_group.yaml");
    if let Some(t) = load_yaml_with(&test_group, constants)? {
        check_keys(&t, TEST_GROUP_KEYS, &test_group)?;
        for (key, why) in IGNORED_TEST_GROUP_KEYS {
            let note = format!("`{key}` ignored: {why}");
            if !t[*key].is_badvalue() && !notes.contains(&note) {
                notes.push(note);
            }
        }
        for key in ["output_validator_args", "output_validator_flags"] {
            if !t[key].is_badvalue() {
                g.output = Some((words(&t[key]), test_group.display().to_string()));
            }
        }
        for key in ["input_validator_args", "input_validator_flags"] {
            if !t[key].is_badvalue() {
                g.input = Some(words(&t[key]));
            }
        }
    }
    Ok(g)
}

/// How one case is checked, from the package-wide settings and its group's.
struct CaseRules<'a> {
    /// `validator_flags` of problem.yaml (legacy), applied before group flags.
    global_flags: &'a [String],
    /// A custom output validator is used (else the default validator).
    custom: bool,
    /// `constants` of problem.yaml (replaced in `test_group.yaml`).
    constants: &'a [(String, Vec<(String, String)>)],
}

/// Collect `.in`/`.ans` pairs under `dir`, groups recursively, in
/// lexicographic order of names (files and groups interleaved by name), each
/// with the validator arguments of its closest group settings.
fn collect_cases(dir: &Path, rel: &str, hidden: bool, inherited: &GroupArgs, rules: &CaseRules<'_>, out: &mut Vec<Case>, notes: &mut Vec<String>) -> Result<(), RegistryError> {
    let args = group_args(dir, inherited, rules.constants, notes)?;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).map_err(|e| invalid(dir.display().to_string(), e.to_string()))?.flatten().map(|e| e.path()).collect();
    entries.sort_by_key(|p| p.file_name().map(|n| n.to_string_lossy().trim_end_matches(".in").to_string()));
    for p in entries {
        let name = file_name(&p);
        if p.is_dir() {
            collect_cases(&p, &format!("{rel}/{name}"), hidden, &args, rules, out, notes)?;
        } else if let Some(stem) = name.strip_suffix(".ans") {
            if !p.with_file_name(format!("{stem}.in")).is_file() {
                return Err(invalid(p.display().to_string(), format!("no input file: expected {stem}.in beside it")));
            }
        } else if let Some(stem) = name.strip_suffix(".in") {
            let ans = p.with_file_name(format!("{stem}.ans"));
            if !ans.is_file() {
                // Interactive samples and the like have no .ans: not judgeable here.
                return Err(invalid(p.display().to_string(), format!("no answer file: expected {stem}.ans beside it")));
            }
            let read = |f: &Path| std::fs::read(f).map_err(|e| invalid(f.display().to_string(), e.to_string()));
            let mut flags = rules.global_flags.to_vec();
            let mut flags_file = None;
            if let Some((group, file)) = &args.output {
                flags.extend(group.iter().cloned());
                flags_file = Some(file.clone());
            }
            let (checker, validator_args) = if rules.custom {
                (None, Some(flags))
            } else {
                let file = flags_file.unwrap_or_else(|| "problem.yaml".into());
                (Some(default_checker(&flags, &file)?), None)
            };
            out.push(Case {
                id: format!("{rel}/{stem}"),
                hidden,
                input: read(&p)?,
                answer: read(&ans)?,
                args: None,
                expected: None,
                checker,
                validator_args,
                input_validator_args: args.input.clone().unwrap_or_default(),
            });
        }
    }
    Ok(())
}

/// Load a package directory as a [`Problem`] (id = the directory name).
pub fn load_package(dir: &Path) -> Result<Problem, RegistryError> {
    let yaml_path = dir.join("problem.yaml");
    let Some(y) = load_yaml(&yaml_path)? else {
        return Err(invalid(
            yaml_path.display().to_string(),
            "missing: a problem package needs problem.yaml (for a folder of packages or judge's own problems use --problems)",
        ));
    };
    let file = yaml_path.display().to_string();
    check_keys(&y, PROBLEM_KEYS, &yaml_path)?;
    check_keys(&y["limits"], LIMIT_KEYS, &yaml_path).map_err(|e| match e {
        RegistryError::Invalid { file, message } => invalid(file, format!("in `limits`: {message}")),
        other => other,
    })?;
    let id = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "package".into());
    let title = match &y["name"] {
        Yaml::String(s) => s.clone(),
        Yaml::Hash(h) => h
            .get(&Yaml::String("en".into()))
            .or_else(|| h.values().next())
            .and_then(|v| v.as_str())
            .unwrap_or(&id)
            .to_string(),
        _ => id.clone(),
    };
    let format = y["problem_format_version"].as_str().unwrap_or("legacy").to_string();
    if !["legacy", "2023-07", "2023-07-draft", "2025-09"].contains(&format.as_str()) {
        return Err(invalid(&file, format!("field `problem_format_version`: expected legacy, 2023-07 or 2025-09, found `{format}`")));
    }
    let legacy = format == "legacy";
    // Problem type.
    let types = words(&y["type"]);
    for t in &types {
        if !["pass-fail", "scoring", "interactive", "multi-pass", "submit-answer"].contains(&t.as_str()) {
            return Err(invalid(&file, format!("field `type`: unknown type `{t}` (expected pass-fail, scoring, interactive, multi-pass or submit-answer)")));
        }
    }
    let validation = y["validation"].as_str().unwrap_or("default").to_string();
    let mut vwords = validation.split_whitespace();
    let ok = match vwords.next() {
        Some("default") => vwords.next().is_none(),
        Some("custom") => vwords.all(|w| w == "interactive" || w == "score"),
        _ => false,
    };
    if !ok {
        return Err(invalid(&file, format!("field `validation`: expected `default` or `custom [interactive] [score]`, found `{validation}`")));
    }
    if types.iter().any(|t| t == "interactive" || t == "multi-pass" || t == "submit-answer") || validation.contains("interactive") {
        return Err(RegistryError::Unsupported {
            file: file.clone(),
            message: "interactive (or multi-pass / submit-answer) problems are not supported: judge runs pass-fail stdin/stdout problems".into(),
        });
    }
    let constants = read_constants(&y["constants"], &file)?;
    let mut notes: Vec<String> = Vec::new();
    if types.iter().any(|t| t == "scoring") || validation.contains("score") {
        notes.push("scoring problem: judged pass-fail (scores are not computed)".into());
    }
    // Limits.
    let limits = &y["limits"];
    let time_limit_s = match &limits["time_limit"] {
        Yaml::BadValue | Yaml::Null => None,
        v => Some(as_f64(v).filter(|f| *f > 0.0).ok_or_else(|| invalid(&file, "field `limits.time_limit`: expected a positive number of seconds"))?),
    };
    let (ac_to_tl, tl_to_tle) = if legacy && limits["time_multipliers"].is_badvalue() {
        (number(limits, "time_multiplier", &yaml_path, 5.0)?, number(limits, "time_safety_margin", &yaml_path, 2.0)?)
    } else {
        let m = &limits["time_multipliers"];
        (number(m, "ac_to_time_limit", &yaml_path, 2.0)?, number(m, "time_limit_to_tle", &yaml_path, 1.5)?)
    };
    let resolution = number(limits, "time_resolution", &yaml_path, 1.0)?;
    let memory_mib = number(limits, "memory", &yaml_path, DEFAULT_MEMORY_MIB as f64)? as u64;
    let output_mib = number(limits, "output", &yaml_path, DEFAULT_OUTPUT_MIB as f64)? as u64;
    // Output validation: the default validator with flags, or a custom one.
    let global_flags = words(&y["validator_flags"]);
    let custom_dir = [dir.join("output_validator"), dir.join("output_validators")].into_iter().find(|p| p.exists());
    let custom = validation.starts_with("custom") || (!legacy && dir.join("output_validator").exists());
    let (checker, checker_program) = if custom {
        let Some(vdir) = custom_dir else {
            return Err(invalid(&file, "validation is custom but there is no output_validator/ or output_validators/ folder"));
        };
        let prog = if vdir.file_name().is_some_and(|n| n == "output_validator") {
            read_program_with(&vdir, CheckerInterface::Kattis, global_flags.clone(), &constants)?
        } else {
            programs_in_with(&vdir, CheckerInterface::Kattis, &global_flags, &constants)?.0.into_iter().next()
        };
        let Some(prog) = prog else {
            return Err(invalid(vdir.display().to_string(), "no output validator judge can run: expected a C++ (.cpp/.cc) or Python (.py) program"));
        };
        let spec = CheckerSpec::Program { program: prog.entry.clone(), interface: Some(CheckerInterface::Kattis), args: global_flags.clone() };
        (spec, Some(prog))
    } else {
        (default_checker(&global_flags, &file)?, None)
    };
    // Cases.
    let mut cases = Vec::new();
    let root_args = group_args(&dir.join("data"), &GroupArgs::default(), &constants, &mut notes)?;
    let rules = CaseRules { global_flags: &global_flags, custom, constants: &constants };
    if dir.join("data/sample").is_dir() {
        collect_cases(&dir.join("data/sample"), "sample", false, &root_args, &rules, &mut cases, &mut notes)?;
    }
    if dir.join("data/secret").is_dir() {
        collect_cases(&dir.join("data/secret"), "secret", true, &root_args, &rules, &mut cases, &mut notes)?;
    }
    if cases.is_empty() {
        return Err(invalid(dir.join("data").display().to_string(), "no test cases: expected data/sample/*.in|.ans and data/secret/**/*.in|.ans"));
    }
    // Statement (raw text of the first English statement found).
    // Constants replaced (the spec names Markdown statements; LaTeX ones too,
    // as the spec's own example package uses them there).
    let statement = ["problem_statement/problem.en.md", "statement/problem.en.md", "problem_statement/problem.md", "problem_statement/problem.en.tex", "statement/problem.en.tex", "problem_statement/problem.tex"]
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.is_file())
        .and_then(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&substitute_constants(&constants, &b)).into_owned())
        .unwrap_or_default();
    // Input validators and submissions (for judge verify); each case carries
    // its group's input validator arguments.
    let input_args: Vec<String> = Vec::new();
    let mut input_validators = Vec::new();
    let mut checktestdata = Vec::new();
    let mut validators_not_run = Vec::new();
    for folder in ["input_validators", "input_format_validators"] {
        let (progs, other) = programs_in_with(&dir.join(folder), CheckerInterface::Kattis, &input_args, &constants)?;
        input_validators.extend(progs);
        for (name, why) in other {
            let path = dir.join(folder).join(&name);
            if why == "checktestdata" {
                let bytes = std::fs::read(&path).map_err(|e| invalid(path.display().to_string(), e.to_string()))?;
                checktestdata.push((format!("{folder}/{name}"), bytes));
            } else {
                validators_not_run.push((format!("{folder}/{name}"), why));
            }
        }
    }
    if dir.join("input_validator").is_dir() {
        match read_program_with(&dir.join("input_validator"), CheckerInterface::Kattis, input_args.clone(), &constants)? {
            Some(p) => input_validators.push(p),
            None => validators_not_run.push(("input_validator".into(), why_not_runnable(&dir.join("input_validator")))),
        }
    }
    // Included files (2025-09 language codes → judge language ids).
    let mut includes = Vec::new();
    let mut include_default = Vec::new();
    let inc = dir.join("include");
    if inc.is_dir() {
        let mut langs: Vec<PathBuf> = std::fs::read_dir(&inc).map_err(|e| invalid(inc.display().to_string(), e.to_string()))?.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
        langs.sort();
        for ldir in langs {
            let code = file_name(&ldir);
            // Regular files only: links are not followed (judge reads as root).
            let mut files: Vec<PathBuf> = std::fs::read_dir(&ldir)
                .map_err(|e| invalid(ldir.display().to_string(), e.to_string()))?
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.path())
                .collect();
            files.sort();
            let mut read = Vec::new();
            for f in files {
                let bytes = std::fs::read(&f).map_err(|e| invalid(f.display().to_string(), e.to_string()))?;
                read.push((file_name(&f), substitute_constants(&constants, &bytes)));
            }
            match code.as_str() {
                "default" => include_default = read,
                "python3" | "python3numpy" => includes.push(("python".to_string(), read)),
                "cpp" | "cppgmp" => includes.push(("cpp".to_string(), read)),
                "c" | "cgmp" => includes.push(("c".to_string(), read)),
                other => notes.push(format!("include/{other}/ ignored: judge does not run that language")),
            }
        }
    }
    let mut submissions = Vec::new();
    let subs = dir.join("submissions");
    if subs.is_dir() {
        let mut folders: Vec<PathBuf> = std::fs::read_dir(&subs).map_err(|e| invalid(subs.display().to_string(), e.to_string()))?.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
        folders.sort();
        for folder in folders {
            let name = file_name(&folder);
            let mut items: Vec<PathBuf> = std::fs::read_dir(&folder).map_err(|e| invalid(folder.display().to_string(), e.to_string()))?.flatten().map(|e| e.path()).collect();
            items.sort();
            for item in items {
                submissions.push((name.clone(), item));
            }
        }
    }
    let limits = ManifestLimits {
        // Replaced by the derived limit when the package gives none (see PackageInfo).
        time_ms: time_limit_s.map(|s| (s * 1000.0).round() as u64).unwrap_or(2000).max(1),
        memory_mib,
        wall_ms: None,
        output_kib: Some(output_mib * 1024),
        processes: None,
    };
    let manifest = Manifest::stdio(id, title, limits, checker);
    Ok(Problem {
        manifest,
        signature: None,
        kernel: None,
        statement,
        cases,
        references: Default::default(),
        starters: Default::default(),
        wrong: Vec::new(),
        validator: None,
        generator: None,
        checker_program,
        origin: dir.display().to_string(),
        dir: Some(dir.to_path_buf()),
        package: Some(PackageInfo {
            dir: dir.to_path_buf(),
            format,
            time_limit_s,
            ac_to_time_limit: ac_to_tl,
            time_limit_to_tle: tl_to_tle,
            time_resolution: resolution,
            input_validators,
            input_validator_args: input_args,
            submissions,
            checktestdata,
            validators_not_run,
            includes,
            include_default,
            constants,
            notes,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(ac: f64, res: f64) -> PackageInfo {
        PackageInfo {
            dir: PathBuf::new(),
            format: "2025-09".into(),
            time_limit_s: None,
            ac_to_time_limit: ac,
            time_limit_to_tle: 1.5,
            time_resolution: res,
            input_validators: Vec::new(),
            input_validator_args: Vec::new(),
            submissions: Vec::new(),
            checktestdata: Vec::new(),
            validators_not_run: Vec::new(),
            includes: Vec::new(),
            include_default: Vec::new(),
            constants: vec![("k".into(), vec![("value".into(), "5000000".into()), ("tex".into(), "5,000,000".into())])],
            notes: Vec::new(),
        }
    }

    #[test]
    fn derived_time_limit_is_the_smallest_multiple_of_the_resolution() {
        // 2025-09 defaults: × 2.0, resolution 1 s.
        assert_eq!(info(2.0, 1.0).derive_time_limit(0.3), 1.0);
        assert_eq!(info(2.0, 1.0).derive_time_limit(0.6), 2.0);
        assert_eq!(info(2.0, 0.5).derive_time_limit(0.6), 1.5);
        // Legacy × 5.
        assert_eq!(info(5.0, 1.0).derive_time_limit(0.25), 2.0);
        assert_eq!(info(2.0, 1.0).derive_time_limit(0.0), 1.0);
    }

    #[test]
    fn constants_are_replaced_by_name_and_variant() {
        let p = info(2.0, 1.0);
        assert_eq!(p.substitute(b"n <= {{k}}, {{k.tex}}; {{other}} {{k.nope}} {{"), b"n <= 5000000, 5,000,000; {{other}} {{k.nope}} {{".to_vec());
        let y = YamlLoader::load_from_str("a: 1\nb: {value: x, tex: y}\n").unwrap().remove(0);
        let c = read_constants(&y, "f").unwrap();
        assert_eq!(c[0], ("a".to_string(), vec![("value".to_string(), "1".to_string())]));
        assert_eq!(c[1].1[1], ("tex".to_string(), "y".to_string()));
        let bad = YamlLoader::load_from_str("1a: 1\n").unwrap().remove(0);
        assert!(read_constants(&bad, "f").unwrap_err().to_string().contains("not a valid name"));
        let novalue = YamlLoader::load_from_str("a: {tex: 1}\n").unwrap().remove(0);
        assert!(read_constants(&novalue, "f").unwrap_err().to_string().contains("needs a `value`"));
    }

    #[test]
    fn package_hash_follows_paths_and_contents() {
        let dir = std::env::temp_dir().join(format!("judge-hash-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("problem.yaml"), "name: x\n").unwrap();
        std::fs::write(dir.join("data/1.in"), "1\n").unwrap();
        let a = package_hash(&dir).unwrap();
        assert_eq!(a, package_hash(&dir).unwrap());
        std::fs::write(dir.join("data/1.in"), "2\n").unwrap();
        let b = package_hash(&dir).unwrap();
        assert_ne!(a, b);
        std::fs::rename(dir.join("data/1.in"), dir.join("data/2.in")).unwrap();
        assert_ne!(b, package_hash(&dir).unwrap());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn default_validator_flags() {
        let f = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(
            default_checker(&f("float_tolerance 1e-6 case_sensitive"), "x").unwrap(),
            CheckerSpec::KattisDefault { float_abs: Some(1e-6), float_rel: Some(1e-6), case_sensitive: true, space_change_sensitive: false }
        );
        assert_eq!(
            default_checker(&f("float_absolute_tolerance 0.5 space_change_sensitive"), "x").unwrap(),
            CheckerSpec::KattisDefault { float_abs: Some(0.5), float_rel: None, case_sensitive: false, space_change_sensitive: true }
        );
        assert!(default_checker(&f("float_tolerance"), "x").unwrap_err().to_string().contains("expected a number"));
        assert!(default_checker(&f("case_insensitive"), "x").unwrap_err().to_string().contains("unknown default validator flag"));
    }
}
