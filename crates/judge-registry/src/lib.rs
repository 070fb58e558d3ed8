//! The problem registry: loads and validates problem directories, from disk
//! (`--problems DIR`, `JUDGE_PROBLEMS`) or from the copy of `problems/`
//! embedded in the binary.
//!
//! # Layout of a problem (`problems/<id>/`)
//! ```text
//! problem.toml            manifest (see [`Manifest`])
//! statement.md            statement shown by `judge show`
//! cases/sample/NAME.in    sample cases: shown to the user
//! cases/sample/NAME.ans
//! cases/hidden/NAME.in    hidden cases: data shown only with --reveal
//! cases/hidden/NAME.ans
//! reference/solution.py   reference solutions, one per language
//! starter/solution.py     starter templates, one per language
//! checker.py              custom checker program (optional)
//! wrong/NAME.py           known-wrong solutions, each declared by a `[[wrong]]` entry
//! validator.py            input validator (`validator = "validator.py"`, optional)
//! gen.py                  deterministic generator of cases/ (`generator = "gen.py"`, optional)
//! ```
//! For function problems `.in` holds the JSON array of arguments and `.ans` the
//! JSON return value, both in the typed JSON of [`judge_core::value`]; for stdio
//! problems `.in` is fed to stdin and `.ans` is the answer the checker compares
//! with. Cases run in file-name order, samples first.

pub mod kattis;
mod manifest;
mod source;

pub use manifest::{CheckerInterface, CheckerSpec, CudaSpec, FunctionSpec, LanguageSettings, Manifest, ManifestLimits, ProblemKind, TextMode, WrongSolution};
pub use source::Source;

use judge_core::kernel::{KernelInput, KernelSignature};
use judge_core::{Signature, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The `problems/` directory of the source tree, embedded at build time.
static EMBEDDED: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/../../problems");

/// Errors loading a registry or a problem. Each names the file and what was expected.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// A registry directory that does not exist or cannot be read.
    #[error("cannot read problem registry {path}: {message}")]
    Unreadable { path: String, message: String },
    /// No problem with this id.
    #[error("unknown problem `{id}` (known: {known})")]
    UnknownProblem { id: String, known: String },
    /// A file of a problem is malformed.
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    /// A well-formed problem of a kind judge does not run (interactive).
    #[error("{file}: {message}")]
    Unsupported { file: String, message: String },
}

fn invalid(file: impl Into<String>, message: impl Into<String>) -> RegistryError {
    RegistryError::Invalid { file: file.into(), message: message.into() }
}

/// One test case.
#[derive(Debug, Clone)]
pub struct Case {
    /// `sample/01-basic` or `hidden/07-large`.
    pub id: String,
    /// Whether the case is hidden.
    pub hidden: bool,
    /// The `.in` file's bytes (arguments JSON or stdin).
    pub input: Vec<u8>,
    /// The `.ans` file's bytes (expected JSON value or expected output).
    pub answer: Vec<u8>,
    /// For function problems: the decoded arguments. `None` for the embedded
    /// registry, whose inputs are checked by `judge verify` in `make test`
    /// and are decoded only when shown or given to a checker program
    /// ([`Case::arguments`]): the driver reads the raw `.in`.
    pub args: Option<Vec<Value>>,
    /// For function problems: the decoded expected value.
    pub expected: Option<Value>,
    /// Packages: this case's default-validator settings (its group's flags).
    pub checker: Option<CheckerSpec>,
    /// Packages: arguments for a custom output validator on this case.
    pub validator_args: Option<Vec<String>>,
    /// Packages: arguments for the input validators on this case.
    pub input_validator_args: Vec<String>,
}

impl Case {
    /// A function problem's arguments: the decoded ones, or decoded now from
    /// the `.in` (`None` when they do not decode, or for stdio problems).
    pub fn arguments(&self, sig: &Signature) -> Option<std::borrow::Cow<'_, [Value]>> {
        match &self.args {
            Some(a) => Some(std::borrow::Cow::Borrowed(a.as_slice())),
            None => decode_args(sig, &self.input).ok().map(std::borrow::Cow::Owned),
        }
    }
}

/// A loaded, validated problem.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The manifest.
    pub manifest: Manifest,
    /// The parsed signature, for function problems.
    pub signature: Option<Signature>,
    /// The parsed kernel signature, for kernel problems (`kind = "cuda"`);
    /// their cases have no `.ans` (the CPU reference computes the expected
    /// outputs) and `args`/`expected` stay `None`.
    pub kernel: Option<KernelSignature>,
    /// `statement.md`.
    pub statement: String,
    /// Sample cases then hidden cases, each in file-name order.
    pub cases: Vec<Case>,
    /// Reference solutions: file name (`solution.py`) → source.
    pub references: BTreeMap<String, Vec<u8>>,
    /// Starter templates: file name → source.
    pub starters: BTreeMap<String, Vec<u8>>,
    /// The custom checker program, when the manifest names one.
    pub checker_program: Option<CheckerProgram>,
    /// Where the problem came from (a directory, or `<embedded>/id`).
    pub origin: String,
    /// The problem's directory on disk (`None` for the embedded registry).
    pub dir: Option<PathBuf>,
    /// For a Kattis/ICPC problem package: time-limit rules, validators, submissions.
    pub package: Option<kattis::PackageInfo>,
    /// The known-wrong solutions of the manifest's `[[wrong]]` entries, in
    /// manifest order, with their sources.
    pub wrong: Vec<WrongFile>,
    /// The input validator the manifest names (`validator = "validator.py"`);
    /// its `interface` field is unused (see [`Manifest::validator`]).
    pub validator: Option<CheckerProgram>,
    /// The generator the manifest names (`generator = "gen.py"`), with the
    /// problem's files it may read.
    pub generator: Option<Generator>,
}

/// A known-wrong solution: its `[[wrong]]` entry and its source.
#[derive(Debug, Clone)]
pub struct WrongFile {
    /// The manifest entry (file, promised verdicts, why).
    pub spec: WrongSolution,
    /// The file's contents.
    pub source: Vec<u8>,
}

/// A problem's generator and the files of the problem folder it runs among.
#[derive(Debug, Clone)]
pub struct Generator {
    /// The generator's path relative to the problem folder (`gen.py`).
    pub entry: String,
    /// Every file of the problem folder except those under `cases/`:
    /// (path relative to the folder, contents). The generator runs in a copy
    /// of these and must write `cases/` itself.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Problem {
    /// The problem id.
    pub fn id(&self) -> &str {
        &self.manifest.id
    }
}

/// A checker program and the files it is built from.
#[derive(Debug, Clone)]
pub struct CheckerProgram {
    /// The file to run or compile (`checker.py`, `validator.cpp`).
    pub entry: String,
    /// Every file of the program: (name, contents); includes the entry and
    /// the headers beside it (`testlib.h`, `validate.h`).
    pub files: Vec<(String, Vec<u8>)>,
    /// How it is called.
    pub interface: CheckerInterface,
    /// Extra arguments (Kattis validator flags).
    pub args: Vec<String>,
}

/// A set of problems.
#[derive(Debug, Clone)]
pub struct Registry {
    source: Source,
    ids: Vec<String>,
    /// Entries of `ids` that are problem packages rather than problem.toml dirs.
    packages: Vec<String>,
    /// The problem of a one-package registry.
    single: Option<Box<Problem>>,
}

impl Registry {
    /// The registry embedded in the binary.
    pub fn embedded() -> Registry {
        Registry::from_source(Source::Embedded(&EMBEDDED)).expect("the embedded registry is readable")
    }

    /// A registry directory: every subdirectory holding a `problem.toml` is a problem.
    pub fn open(dir: &Path) -> Result<Registry, RegistryError> {
        if !dir.is_dir() {
            return Err(RegistryError::Unreadable {
                path: dir.display().to_string(),
                message: "not a directory".into(),
            });
        }
        Registry::from_source(Source::Dir(dir.to_path_buf()))
    }

    fn from_source(source: Source) -> Result<Registry, RegistryError> {
        if let Source::Dir(d) = &source {
            if kattis::is_package(d) {
                return Registry::package(d);
            }
        }
        let mut packages = Vec::new();
        let mut ids: Vec<String> = Vec::new();
        for d in source.list_dirs("").map_err(|message| RegistryError::Unreadable { path: source.describe(""), message })? {
            if source.exists(&format!("{d}/problem.toml")) {
                ids.push(d);
            } else if let Source::Dir(root) = &source {
                if kattis::is_package(&root.join(&d)) {
                    ids.push(d.clone());
                    packages.push(d);
                }
            }
        }
        ids.sort();
        Ok(Registry { source, ids, packages, single: None })
    }

    /// A registry of one problem package (`judge run --package DIR`).
    pub fn package(dir: &Path) -> Result<Registry, RegistryError> {
        if !dir.is_dir() {
            return Err(RegistryError::Unreadable { path: dir.display().to_string(), message: "not a directory".into() });
        }
        let dir = dir.canonicalize().map_err(|e| RegistryError::Unreadable { path: dir.display().to_string(), message: e.to_string() })?;
        let problem = kattis::load_package(&dir)?;
        let id = problem.id().to_string();
        let parent = dir.parent().unwrap_or(&dir).to_path_buf();
        Ok(Registry { source: Source::Dir(parent), ids: vec![id], packages: Vec::new(), single: Some(Box::new(problem)) })
    }

    /// The single problem of a `--package` registry, if this is one.
    pub fn single(&self) -> Option<&Problem> {
        self.single.as_deref()
    }

    /// Where this registry lives, for messages.
    pub fn describe(&self) -> String {
        self.source.describe("")
    }

    /// Problem ids, sorted.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// Load just the manifest of a problem (cheap; for `judge list`).
    pub fn manifest(&self, id: &str) -> Result<Manifest, RegistryError> {
        self.check_known(id)?;
        if self.single.is_some() || self.packages.iter().any(|p| p == id) {
            return Ok(self.problem(id)?.manifest);
        }
        let file = format!("{id}/problem.toml");
        let text = self.read_text(&file)?;
        let m = Manifest::parse(&text).map_err(|e| invalid(self.source.describe(&file), e))?;
        if m.id != id {
            return Err(invalid(
                self.source.describe(&file),
                format!("field `id`: expected `{id}` (the directory name), found `{}`", m.id),
            ));
        }
        Ok(m)
    }

    fn check_known(&self, id: &str) -> Result<(), RegistryError> {
        if self.ids.iter().any(|i| i == id) {
            Ok(())
        } else {
            Err(RegistryError::UnknownProblem { id: id.to_string(), known: self.ids.join(", ") })
        }
    }

    fn read_text(&self, file: &str) -> Result<String, RegistryError> {
        let bytes = self.source.read(file).map_err(|e| invalid(self.source.describe(file), e))?;
        String::from_utf8(bytes).map_err(|_| invalid(self.source.describe(file), "expected UTF-8 text"))
    }

    /// Load and validate a whole problem: manifest, statement, cases (decoded
    /// against the signature for function problems), references, starters.
    pub fn problem(&self, id: &str) -> Result<Problem, RegistryError> {
        if let Some(p) = &self.single {
            self.check_known(id)?;
            return Ok((**p).clone());
        }
        if self.packages.iter().any(|p| p == id) {
            if let Source::Dir(root) = &self.source {
                return kattis::load_package(&root.join(id));
            }
        }
        let manifest = self.manifest(id)?;
        let describe = |f: &str| self.source.describe(&format!("{id}/{f}"));
        let signature = match &manifest.function {
            Some(f) => Some(
                Signature::parse(&f.signature)
                    .map_err(|e| invalid(describe("problem.toml"), format!("field `function.signature`: {e}")))?,
            ),
            None => None,
        };
        let kernel = match &manifest.cuda {
            Some(c) => Some(
                KernelSignature::parse(&c.signature)
                    .map_err(|e| invalid(describe("problem.toml"), format!("field `cuda.signature`: {e}")))?,
            ),
            None => None,
        };
        let statement = if self.source.exists(&format!("{id}/statement.md")) {
            self.read_text(&format!("{id}/statement.md"))?
        } else {
            String::new()
        };
        let mut cases = Vec::new();
        for (group, hidden) in [("sample", false), ("hidden", true)] {
            let dir = format!("{id}/cases/{group}");
            if !self.source.exists(&dir) {
                continue;
            }
            let mut names: Vec<String> = self
                .source
                .list_files(&dir)
                .map_err(|e| invalid(describe(&format!("cases/{group}")), e))?;
            names.sort();
            for name in &names {
                if let Some(ksig) = &kernel {
                    // Kernel problems: inputs only; the CPU reference computes the answers.
                    let Some(stem) = name.strip_suffix(".in") else {
                        if name.ends_with(".ans") {
                            return Err(invalid(
                                describe(&format!("cases/{group}/{name}")),
                                "kernel problems (kind = \"cuda\") have no .ans files: reference/cpu.cpp computes the expected outputs",
                            ));
                        }
                        if !name.starts_with('.') && !name.ends_with(".md") {
                            return Err(invalid(describe(&format!("cases/{group}/{name}")), "unexpected file: kernel cases are NAME.in"));
                        }
                        continue;
                    };
                    let input = self.source.read(&format!("{dir}/{name}")).map_err(|e| invalid(describe(name), e))?;
                    KernelInput::parse(ksig, &input).map_err(|e| invalid(describe(&format!("cases/{group}/{name}")), e))?;
                    cases.push(Case {
                        id: format!("{group}/{stem}"),
                        hidden,
                        input,
                        answer: Vec::new(),
                        args: None,
                        expected: None,
                        checker: None,
                        validator_args: None,
                        input_validator_args: Vec::new(),
                    });
                    continue;
                }
                let Some(stem) = name.strip_suffix(".in") else {
                    if !name.ends_with(".ans") && !name.starts_with('.') && !name.ends_with(".md") {
                        return Err(invalid(
                            describe(&format!("cases/{group}/{name}")),
                            "unexpected file: cases are NAME.in with NAME.ans",
                        ));
                    }
                    continue;
                };
                let ans_name = format!("{stem}.ans");
                if !names.contains(&ans_name) {
                    return Err(invalid(
                        describe(&format!("cases/{group}/{name}")),
                        format!("no answer file: expected cases/{group}/{ans_name} beside it"),
                    ));
                }
                let input = self.source.read(&format!("{dir}/{name}")).map_err(|e| invalid(describe(name), e))?;
                let answer = self.source.read(&format!("{dir}/{ans_name}")).map_err(|e| invalid(describe(&ans_name), e))?;
                let mut case = Case {
                    id: format!("{group}/{stem}"),
                    hidden,
                    input,
                    answer,
                    args: None,
                    expected: None,
                    checker: None,
                    validator_args: None,
                    input_validator_args: Vec::new(),
                };
                if let Some(sig) = &signature {
                    // The embedded registry's inputs are checked by `make test`
                    // (judge verify): only the answers are decoded here.
                    let inputs = !matches!(self.source, Source::Embedded(_));
                    decode_function_case(&mut case, sig, &describe(&format!("cases/{group}/{stem}")), inputs)?;
                }
                cases.push(case);
            }
            for name in names.iter().filter(|_| kernel.is_none()) {
                if let Some(stem) = name.strip_suffix(".ans") {
                    if !names.contains(&format!("{stem}.in")) {
                        return Err(invalid(
                            describe(&format!("cases/{group}/{name}")),
                            format!("no input file: expected cases/{group}/{stem}.in beside it"),
                        ));
                    }
                }
            }
        }
        if cases.is_empty() {
            return Err(invalid(describe("cases"), "no cases: expected cases/sample/*.in and/or cases/hidden/*.in"));
        }
        let references = self.files_in(&format!("{id}/reference"))?;
        if kernel.is_some() {
            for needed in ["cpu.cpp", "solution.cu"] {
                if !references.contains_key(needed) {
                    return Err(invalid(
                        describe(&format!("reference/{needed}")),
                        "missing: a kernel problem needs reference/cpu.cpp (the CPU reference that computes the expected outputs) and reference/solution.cu (the CUDA reference)",
                    ));
                }
            }
        }
        let starters = self.files_in(&format!("{id}/starter"))?;
        let checker_program = match &manifest.checker {
            CheckerSpec::Program { program, interface, args } => {
                let file = format!("{id}/{program}");
                if !self.source.exists(&file) || program.contains("..") {
                    return Err(invalid(
                        describe("problem.toml"),
                        format!("field `checker.program`: file `{program}` does not exist in the problem directory"),
                    ));
                }
                if ![".py", ".cpp", ".cc"].iter().any(|e| program.ends_with(e)) {
                    return Err(invalid(describe("problem.toml"), "field `checker.program`: expected a .py or .cpp file"));
                }
                let (dir, entry) = match program.rsplit_once('/') {
                    Some((d, e)) => (format!("{id}/{d}"), e.to_string()),
                    None => (id.to_string(), program.clone()),
                };
                let mut files = vec![(entry.clone(), self.source.read(&file).map_err(|e| invalid(describe(program), e))?)];
                for name in self.source.list_files(&dir).map_err(|e| invalid(describe(&dir), e))? {
                    if name != entry && (name.ends_with(".h") || name.ends_with(".hpp")) {
                        files.push((name.clone(), self.source.read(&format!("{dir}/{name}")).map_err(|e| invalid(describe(&name), e))?));
                    }
                }
                Some(CheckerProgram {
                    entry,
                    files,
                    interface: interface.unwrap_or(CheckerInterface::Json),
                    args: args.clone(),
                })
            }
            _ => None,
        };
        let (wrong, validator, generator) = self.authoring_files(id, &manifest)?;
        let dir = match &self.source {
            Source::Dir(d) => Some(d.join(id)),
            Source::Embedded(_) => None,
        };
        Ok(Problem {
            manifest,
            signature,
            kernel,
            statement,
            cases,
            references,
            starters,
            checker_program,
            origin: self.source.describe(id),
            dir,
            package: None,
            wrong,
            validator,
            generator,
        })
    }

    /// The files `judge verify` needs: the `[[wrong]]` solutions, the
    /// validator and the generator (with the folder's other files). A
    /// declared file that is missing is an error naming the manifest field.
    #[allow(clippy::type_complexity)]
    fn authoring_files(&self, id: &str, manifest: &Manifest) -> Result<(Vec<WrongFile>, Option<CheckerProgram>, Option<Generator>), RegistryError> {
        let toml = self.source.describe(&format!("{id}/problem.toml"));
        let declared = |field: &str, rel: &str, exts: &[&str]| -> Result<Vec<u8>, RegistryError> {
            if rel.is_empty() || rel.contains("..") || rel.starts_with('/') || rel.starts_with("cases/") {
                return Err(invalid(&toml, format!("field `{field}`: expected a path inside the problem folder (not under cases/), found `{rel}`")));
            }
            if !exts.iter().any(|e| rel.ends_with(e)) {
                return Err(invalid(&toml, format!("field `{field}`: expected a {} file, found `{rel}`", exts.join(" or "))));
            }
            let file = format!("{id}/{rel}");
            if !self.source.exists(&file) {
                return Err(invalid(&toml, format!("field `{field}`: file `{rel}` does not exist in the problem folder")));
            }
            self.source.read(&file).map_err(|e| invalid(self.source.describe(&file), e))
        };
        let mut wrong = Vec::new();
        let wrong_exts: &[&str] = if manifest.kind == ProblemKind::Cuda { &[".cu"] } else { &[".py", ".cpp", ".cc"] };
        for (i, w) in manifest.wrong.iter().enumerate() {
            let source = declared(&format!("wrong[{i}].file"), &w.file, wrong_exts)?;
            wrong.push(WrongFile { spec: w.clone(), source });
        }
        let validator = match &manifest.validator {
            Some(rel) => {
                let entry_bytes = declared("validator", rel, &[".py", ".cpp", ".cc"])?;
                let (dir, entry) = match rel.rsplit_once('/') {
                    Some((d, e)) => (format!("{id}/{d}"), e.to_string()),
                    None => (id.to_string(), rel.clone()),
                };
                let mut files = vec![(entry.clone(), entry_bytes)];
                for name in self.source.list_files(&dir).map_err(|e| invalid(self.source.describe(&dir), e))? {
                    if name != entry && (name.ends_with(".h") || name.ends_with(".hpp")) {
                        let f = format!("{dir}/{name}");
                        files.push((name, self.source.read(&f).map_err(|e| invalid(self.source.describe(&f), e))?));
                    }
                }
                Some(CheckerProgram { entry, files, interface: CheckerInterface::Json, args: Vec::new() })
            }
            None => None,
        };
        let generator = match &manifest.generator {
            Some(rel) => {
                declared("generator", rel, &[".py"])?;
                let mut files = Vec::new();
                for f in self.source.walk_files(id).map_err(|e| invalid(self.source.describe(id), e))? {
                    if f.starts_with("cases/") || f.split('/').any(|c| c == "__pycache__") {
                        continue;
                    }
                    let path = format!("{id}/{f}");
                    files.push((f, self.source.read(&path).map_err(|e| invalid(self.source.describe(&path), e))?));
                }
                Some(Generator { entry: rel.clone(), files })
            }
            None => None,
        };
        Ok((wrong, validator, generator))
    }

    fn files_in(&self, dir: &str) -> Result<BTreeMap<String, Vec<u8>>, RegistryError> {
        let mut out = BTreeMap::new();
        if !self.source.exists(dir) {
            return Ok(out);
        }
        for name in self.source.list_files(dir).map_err(|e| invalid(self.source.describe(dir), e))? {
            let bytes = self.source.read(&format!("{dir}/{name}")).map_err(|e| invalid(self.source.describe(dir), e))?;
            out.insert(name, bytes);
        }
        Ok(out)
    }
}

/// Decode a case's expected value and (with `inputs`) its arguments straight from their text
/// ([`judge_core::value::from_json_text`]: no JSON tree, no per-number
/// allocation), or `None` when anything is off; the caller then decodes again
/// through `serde_json` for the precise error message.
fn decode_function_case_fast(case: &Case, sig: &Signature, inputs: bool) -> Option<(Option<Vec<Value>>, Value)> {
    let expected = judge_core::value::from_json_text(std::str::from_utf8(&case.answer).ok()?, &sig.returns).ok()?;
    if !inputs {
        return Some((None, expected));
    }
    let items: Vec<&serde_json::value::RawValue> = serde_json::from_slice(&case.input).ok()?;
    if items.len() != sig.params.len() {
        return None;
    }
    let args = sig
        .params
        .iter()
        .zip(&items)
        .map(|((_, ty), raw)| judge_core::value::from_json_text(raw.get(), ty).ok())
        .collect::<Option<Vec<Value>>>()?;
    Some((Some(args), expected))
}

fn decode_function_case(case: &mut Case, sig: &Signature, base: &str, inputs: bool) -> Result<(), RegistryError> {
    if let Some((args, expected)) = decode_function_case_fast(case, sig, inputs) {
        case.args = args;
        case.expected = Some(expected);
        return Ok(());
    }
    let in_file = format!("{base}.in");
    let ans_file = format!("{base}.ans");
    let json: serde_json::Value = serde_json::from_slice(&case.input)
        .map_err(|e| invalid(&in_file, format!("expected a JSON array of {} arguments: {e}", sig.params.len())))?;
    let items = json
        .as_array()
        .ok_or_else(|| invalid(&in_file, format!("expected a JSON array of {} arguments", sig.params.len())))?;
    if items.len() != sig.params.len() {
        return Err(invalid(
            &in_file,
            format!("expected {} arguments ({}), found {}", sig.params.len(), sig, items.len()),
        ));
    }
    let mut args = Vec::new();
    for ((name, ty), item) in sig.params.iter().zip(items) {
        args.push(Value::from_json(item, ty).map_err(|e| invalid(&in_file, format!("argument `{name}`: {e}")))?);
    }
    let ans: serde_json::Value = serde_json::from_slice(&case.answer)
        .map_err(|e| invalid(&ans_file, format!("expected a JSON value of type {}: {e}", sig.returns)))?;
    let expected = Value::from_json(&ans, &sig.returns).map_err(|e| invalid(&ans_file, format!("return value: {e}")))?;
    case.args = Some(args);
    case.expected = Some(expected);
    Ok(())
}

/// Decode a JSON array of arguments (`judge run --input`, a case's `.in`)
/// against a signature; the error says which argument and what was expected.
pub fn decode_args(sig: &Signature, input: &[u8]) -> Result<Vec<Value>, String> {
    let json: serde_json::Value = serde_json::from_slice(input)
        .map_err(|e| format!("expected a JSON array of {} arguments ({sig}): {e}", sig.params.len()))?;
    let items = json.as_array().ok_or_else(|| format!("expected a JSON array of {} arguments ({sig})", sig.params.len()))?;
    if items.len() != sig.params.len() {
        return Err(format!("expected {} arguments ({sig}), found {}", sig.params.len(), items.len()));
    }
    sig.params
        .iter()
        .zip(items)
        .map(|((name, ty), item)| Value::from_json(item, ty).map_err(|e| format!("argument `{name}`: {e}")))
        .collect()
}

/// Decode one typed JSON value (an answer) of type `ty`.
pub fn decode_value(ty: &judge_core::Type, bytes: &[u8]) -> Result<Value, String> {
    let json: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| format!("expected a JSON value of type {ty}: {e}"))?;
    Value::from_json(&json, ty).map_err(|e| e.to_string())
}

/// The `problems/` folder the embedded registry was built from, if it still
/// exists on this machine (hidden from programs along with the registry).
pub fn embedded_source_dir() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../problems");
    p.canonicalize().ok().filter(|p| p.is_dir())
}

/// The default registry directory from the environment (`JUDGE_PROBLEMS`), if set.
pub fn env_registry_dir() -> Option<PathBuf> {
    std::env::var_os("JUDGE_PROBLEMS").filter(|v| !v.is_empty()).map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = r#"id = "p"
title = "P"
kind = "function"
validator = "validator.py"
generator = "gen.py"
[limits]
time_ms = 1000
memory_mib = 64
[function]
signature = "f(a: int) -> int"
[[wrong]]
file = "wrong/w.py"
verdicts = ["WA"]
why = "returns a + 1"
"#;

    /// A registry in a fresh temporary folder holding problem `p`.
    fn registry_with(files: &[(&str, &str)]) -> (PathBuf, Registry) {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!("judge-registry-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (rel, text) in files {
            let p = root.join("p").join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let reg = Registry::open(&root).unwrap();
        (root, reg)
    }

    const COMPLETE: &[(&str, &str)] = &[
        ("problem.toml", MANIFEST),
        ("cases/sample/1.in", "[1]"),
        ("cases/sample/1.ans", "1"),
        ("wrong/w.py", "def f(a): return a + 1\n"),
        ("validator.py", "import sys\n"),
        ("gen.py", "print()\n"),
        ("reference/solution.py", "def f(a): return a\n"),
    ];

    #[test]
    fn loads_wrong_solutions_validator_and_generator() {
        let (root, reg) = registry_with(COMPLETE);
        let p = reg.problem("p").unwrap();
        assert_eq!(p.wrong.len(), 1);
        assert_eq!(p.wrong[0].spec.file, "wrong/w.py");
        assert_eq!(p.wrong[0].source, b"def f(a): return a + 1\n");
        assert_eq!(p.validator.as_ref().unwrap().entry, "validator.py");
        let g = p.generator.as_ref().unwrap();
        assert_eq!(g.entry, "gen.py");
        let names: Vec<&str> = g.files.iter().map(|(n, _)| n.as_str()).collect();
        // Everything but cases/: the generator must write those itself.
        assert_eq!(names, ["gen.py", "problem.toml", "reference/solution.py", "validator.py", "wrong/w.py"]);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_declared_file_that_is_missing_names_the_field() {
        for (missing, field) in [("wrong/w.py", "field `wrong[0].file`"), ("validator.py", "field `validator`"), ("gen.py", "field `generator`")] {
            let files: Vec<(&str, &str)> = COMPLETE.iter().copied().filter(|(n, _)| *n != missing).collect();
            let (root, reg) = registry_with(&files);
            let e = reg.problem("p").unwrap_err().to_string();
            assert!(e.contains("problem.toml") && e.contains(field) && e.contains(missing) && e.contains("does not exist"), "{e}");
            std::fs::remove_dir_all(root).unwrap();
        }
        let text = MANIFEST.replace("gen.py", "gen.sh");
        let (root, reg) = registry_with(&[("problem.toml", &text), ("cases/sample/1.in", "[1]"), ("cases/sample/1.ans", "1"), ("wrong/w.py", ""), ("validator.py", ""), ("gen.sh", "")]);
        let e = reg.problem("p").unwrap_err().to_string();
        assert!(e.contains("field `generator`: expected a .py file"), "{e}");
        std::fs::remove_dir_all(root).unwrap();
    }

    const KERNEL: &str = r#"id = "p"
title = "P"
kind = "cuda"
[limits]
time_ms = 1000
memory_mib = 512
[cuda]
signature = "solve(A: in f32[N], C: out f32[N], N: i32)"
atol = 1e-5
rtol = 0.0
[[wrong]]
file = "wrong/w.cu"
verdicts = ["WA"]
why = "zeros"
"#;

    const KERNEL_FILES: &[(&str, &str)] = &[
        ("problem.toml", KERNEL),
        ("cases/sample/1.in", r#"{"N": 2, "A": [1, 2]}"#),
        ("cases/hidden/2.in", r#"{"N": 1000, "A": {"gen": "uniform", "lo": 0, "hi": 1, "seed": 1}}"#),
        ("reference/cpu.cpp", "extern \"C\" void solve(const float* A, float* C, int N) {}\n"),
        ("reference/solution.cu", "extern \"C\" void solve(const float* A, float* C, int N) {}\n"),
        ("wrong/w.cu", ""),
    ];

    #[test]
    fn loads_a_kernel_problem_with_inputs_only() {
        let (root, reg) = registry_with(KERNEL_FILES);
        let p = reg.problem("p").unwrap();
        assert_eq!(p.kernel.as_ref().unwrap().c_declaration(), "extern \"C\" void solve(const float* A, float* C, int N)");
        assert_eq!(p.cases.len(), 2);
        assert!(p.cases.iter().all(|c| c.answer.is_empty() && c.expected.is_none()));
        assert_eq!(p.wrong[0].spec.file, "wrong/w.cu");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn kernel_problem_errors_name_the_file() {
        let with = |extra: &[(&'static str, &'static str)], without: &str| -> String {
            let mut files: Vec<(&str, &str)> = KERNEL_FILES.iter().copied().filter(|(n, _)| *n != without).collect();
            for (n, t) in extra {
                files.retain(|(m, _)| m != n);
                files.push((n, t));
            }
            let (root, reg) = registry_with(&files);
            let e = reg.problem("p").unwrap_err().to_string();
            std::fs::remove_dir_all(root).unwrap();
            e
        };
        let e = with(&[("cases/sample/1.ans", "[3]")], "");
        assert!(e.contains("cases/sample/1.ans") && e.contains("no .ans files"), "{e}");
        let e = with(&[], "reference/cpu.cpp");
        assert!(e.contains("reference/cpu.cpp") && e.contains("missing"), "{e}");
        let e = with(&[], "reference/solution.cu");
        assert!(e.contains("reference/solution.cu"), "{e}");
        let e = with(&[("cases/sample/1.in", r#"{"N": 2, "A": [1, 2, 3]}"#)], "");
        assert!(e.contains("cases/sample/1.in") && e.contains("buffer `A`: expected 2 elements"), "{e}");
        let e = with(&[("cases/sample/1.in", r#"{"N": 2, "A": [1, 2], "C": [0, 0]}"#)], "");
        assert!(e.contains("cases/sample/1.in") && e.contains("unexpected key `C`"), "{e}");
        let e = with(&[("wrong/w.py", "")], "wrong/w.cu");
        assert!(e.contains("field `wrong[0].file`"), "{e}");
    }

    #[test]
    fn the_embedded_registry_walks_recursively() {
        let files = Source::Embedded(&EMBEDDED).walk_files("longest-clean-span").unwrap();
        assert!(files.iter().any(|f| f == "reference/solution.py"), "{files:?}");
        assert!(files.iter().any(|f| f == "cases/sample/01-example.in"), "{files:?}");
    }
}
