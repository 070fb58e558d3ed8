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
//! - `input_validators/` (or legacy `input_format_validators/`): used by `judge verify`.
//! - `submissions/<folder>/`: used by `judge verify` and to derive a time limit.
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
}

impl PackageInfo {
    /// The time limit from the slowest accepted run (seconds): the smallest
    /// multiple of the resolution ≥ slowest × `ac_to_time_limit`.
    pub fn derive_time_limit(&self, slowest_accepted_s: f64) -> f64 {
        let want = slowest_accepted_s * self.ac_to_time_limit;
        let res = if self.time_resolution > 0.0 { self.time_resolution } else { 1.0 };
        ((want / res).ceil() * res).max(res)
    }
}

/// Whether `dir` looks like a problem package.
pub fn is_package(dir: &Path) -> bool {
    !dir.join("problem.toml").exists() && (dir.join("problem.yaml").is_file() || dir.join("data").join("secret").is_dir())
}

fn yaml_err(file: &Path, e: impl std::fmt::Display) -> RegistryError {
    invalid(file.display().to_string(), format!("not valid YAML: {e}"))
}

fn load_yaml(path: &Path) -> Result<Option<Yaml>, RegistryError> {
    if !path.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(path).map_err(|e| invalid(path.display().to_string(), e.to_string()))?;
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
fn read_program(path: &Path, interface: CheckerInterface, args: Vec<String>) -> Result<Option<CheckerProgram>, RegistryError> {
    let supported = |n: &str| n.ends_with(".py") || n.ends_with(".cpp") || n.ends_with(".cc") || n.ends_with(".cxx");
    let read = |p: &Path| std::fs::read(p).map_err(|e| invalid(p.display().to_string(), e.to_string()));
    if path.is_file() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !supported(&name) {
            return Ok(None);
        }
        return Ok(Some(CheckerProgram { entry: name, files: vec![(path.file_name().unwrap().to_string_lossy().into_owned(), read(path)?)], interface, args }));
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
        files.push((p.file_name().unwrap().to_string_lossy().into_owned(), read(p)?));
    }
    // The entry: a C++ source with main, else __main__.py / a lone .py.
    let entry = files
        .iter()
        .find(|(n, b)| (n.ends_with(".cpp") || n.ends_with(".cc") || n.ends_with(".cxx")) && String::from_utf8_lossy(b).contains("main("))
        .or_else(|| files.iter().find(|(n, _)| n == "__main__.py"))
        .or_else(|| files.iter().find(|(n, _)| n.ends_with(".py")))
        .map(|(n, _)| n.clone());
    Ok(entry.map(|entry| CheckerProgram { entry, files, interface, args }))
}

fn programs_in(dir: &Path, interface: CheckerInterface, args: &[String]) -> Result<Vec<CheckerProgram>, RegistryError> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).map_err(|e| invalid(dir.display().to_string(), e.to_string()))?.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if let Some(prog) = read_program(&p, interface, args.to_vec())? {
            out.push(prog);
        }
    }
    Ok(out)
}

/// Collect `.in`/`.ans` pairs under `dir`, groups recursively, in
/// lexicographic order of names (files and groups interleaved by name).
fn collect_cases(dir: &Path, rel: &str, hidden: bool, out: &mut Vec<Case>) -> Result<(), RegistryError> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).map_err(|e| invalid(dir.display().to_string(), e.to_string()))?.flatten().map(|e| e.path()).collect();
    entries.sort_by_key(|p| p.file_name().map(|n| n.to_string_lossy().trim_end_matches(".in").to_string()));
    for p in entries {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if p.is_dir() {
            collect_cases(&p, &format!("{rel}/{name}"), hidden, out)?;
        } else if let Some(stem) = name.strip_suffix(".in") {
            let ans = p.with_file_name(format!("{stem}.ans"));
            if !ans.is_file() {
                // Interactive samples and the like have no .ans: not judgeable here.
                return Err(invalid(p.display().to_string(), format!("no answer file: expected {stem}.ans beside it")));
            }
            let read = |f: &Path| std::fs::read(f).map_err(|e| invalid(f.display().to_string(), e.to_string()));
            out.push(Case { id: format!("{rel}/{stem}"), hidden, input: read(&p)?, answer: read(&ans)?, args: None, expected: None });
        }
    }
    Ok(())
}

/// Load a package directory as a [`Problem`] (id = the directory name).
pub fn load_package(dir: &Path) -> Result<Problem, RegistryError> {
    let yaml_path = dir.join("problem.yaml");
    let y = load_yaml(&yaml_path)?.unwrap_or(Yaml::Hash(Default::default()));
    let file = yaml_path.display().to_string();
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
    let legacy = format == "legacy";
    // Problem type.
    let types = words(&y["type"]);
    let validation = y["validation"].as_str().unwrap_or("default").to_string();
    if types.iter().any(|t| t == "interactive" || t == "multi-pass" || t == "submit-answer") || validation.contains("interactive") {
        return Err(RegistryError::Unsupported {
            file: file.clone(),
            message: "interactive (or multi-pass / submit-answer) problems are not supported: judge runs pass-fail stdin/stdout problems".into(),
        });
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
    // Output validation.
    let mut flags = words(&y["validator_flags"]);
    for group in [dir.join("data"), dir.join("data/secret")] {
        if let Some(t) = load_yaml(&group.join("testdata.yaml"))? {
            flags.extend(words(&t["output_validator_flags"]));
        }
        if let Some(t) = load_yaml(&group.join("test_group.yaml"))? {
            flags.extend(words(&t["output_validator_args"]));
        }
    }
    let custom_dir = [dir.join("output_validator"), dir.join("output_validators")].into_iter().find(|p| p.exists());
    let custom = validation.starts_with("custom") || (!legacy && dir.join("output_validator").exists());
    let (checker, checker_program) = if custom {
        let Some(vdir) = custom_dir else {
            return Err(invalid(&file, "validation is custom but there is no output_validator/ or output_validators/ folder"));
        };
        let prog = if vdir.file_name().is_some_and(|n| n == "output_validator") {
            read_program(&vdir, CheckerInterface::Kattis, flags.clone())?
        } else {
            programs_in(&vdir, CheckerInterface::Kattis, &flags)?.into_iter().next()
        };
        let Some(prog) = prog else {
            return Err(invalid(vdir.display().to_string(), "no output validator judge can run: expected a C++ (.cpp/.cc) or Python (.py) program"));
        };
        let spec = CheckerSpec::Program { program: prog.entry.clone(), interface: Some(CheckerInterface::Kattis), args: flags };
        (spec, Some(prog))
    } else {
        (default_checker(&flags, &file)?, None)
    };
    // Cases.
    let mut cases = Vec::new();
    if dir.join("data/sample").is_dir() {
        collect_cases(&dir.join("data/sample"), "sample", false, &mut cases)?;
    }
    if dir.join("data/secret").is_dir() {
        collect_cases(&dir.join("data/secret"), "secret", true, &mut cases)?;
    }
    if cases.is_empty() {
        return Err(invalid(dir.join("data").display().to_string(), "no test cases: expected data/sample/*.in|.ans and data/secret/**/*.in|.ans"));
    }
    // Statement (raw text of the first English statement found).
    let statement = ["problem_statement/problem.en.md", "statement/problem.en.md", "problem_statement/problem.md", "problem_statement/problem.en.tex", "statement/problem.en.tex", "problem_statement/problem.tex"]
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.is_file())
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    // Input validators and submissions (for judge verify).
    let mut input_args = Vec::new();
    for group in [dir.join("data"), dir.join("data/secret")] {
        if let Some(t) = load_yaml(&group.join("testdata.yaml"))? {
            input_args.extend(words(&t["input_validator_flags"]));
        }
        if let Some(t) = load_yaml(&group.join("test_group.yaml"))? {
            input_args.extend(words(&t["input_validator_args"]));
        }
    }
    let mut input_validators = programs_in(&dir.join("input_validators"), CheckerInterface::Kattis, &input_args)?;
    input_validators.extend(programs_in(&dir.join("input_format_validators"), CheckerInterface::Kattis, &input_args)?);
    if dir.join("input_validator").is_dir() {
        input_validators.extend(read_program(&dir.join("input_validator"), CheckerInterface::Kattis, input_args.clone())?);
    }
    let mut submissions = Vec::new();
    let subs = dir.join("submissions");
    if subs.is_dir() {
        let mut folders: Vec<PathBuf> = std::fs::read_dir(&subs).map_err(|e| invalid(subs.display().to_string(), e.to_string()))?.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
        folders.sort();
        for folder in folders {
            let name = folder.file_name().unwrap().to_string_lossy().into_owned();
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
        statement,
        cases,
        references: Default::default(),
        starters: Default::default(),
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
        }),
    })
}
