//! The language table and the driver sources, from `runners/` (embedded) or a
//! user's copy of it.

use crate::LangError;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

static EMBEDDED: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/../../runners");

/// One language's entry in `languages.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// Language id (`python`, `cpp`); filled from the table key.
    #[serde(skip)]
    pub id: String,
    /// Display name.
    pub name: String,
    /// File extensions without the dot.
    pub extensions: Vec<String>,
    /// The interpreter or compiler command, looked up on PATH.
    pub command: String,
    /// Environment variable that overrides `command`.
    pub override_env: Option<String>,
    /// Interpreter or compiler flags.
    #[serde(default)]
    pub flags: Vec<String>,
}

/// Where driver sources are read from.
#[derive(Debug, Clone)]
pub enum RunnerFiles {
    /// The embedded `runners/`.
    Embedded,
    /// A user's copy.
    Dir(PathBuf),
}

impl RunnerFiles {
    /// Read `rel` (e.g. `python/driver.py`).
    pub fn read(&self, rel: &str) -> Result<Vec<u8>, LangError> {
        match self {
            RunnerFiles::Embedded => EMBEDDED
                .get_file(rel)
                .map(|f| f.contents().to_vec())
                .ok_or_else(|| LangError::MissingFile(format!("<embedded runners>/{rel}: missing"))),
            RunnerFiles::Dir(d) => std::fs::read(d.join(rel))
                .map_err(|e| LangError::MissingFile(format!("{}: {e}", d.join(rel).display()))),
        }
    }
}

/// The language table.
#[derive(Debug, Clone)]
pub struct LanguageTable {
    /// Languages by id.
    pub languages: BTreeMap<String, LanguageConfig>,
    /// Driver sources.
    pub files: RunnerFiles,
}

impl LanguageTable {
    /// Load `languages.toml` from `dir` (a copy of `runners/`), or the embedded one.
    pub fn load(dir: Option<&Path>) -> Result<LanguageTable, LangError> {
        let (text, file, files) = match dir {
            Some(d) => {
                let f = d.join("languages.toml");
                let text = std::fs::read_to_string(&f)
                    .map_err(|e| LangError::Table { file: f.display().to_string(), message: e.to_string() })?;
                (text, f.display().to_string(), RunnerFiles::Dir(d.to_path_buf()))
            }
            None => {
                let text = EMBEDDED
                    .get_file("languages.toml")
                    .and_then(|f| f.contents_utf8())
                    .expect("embedded languages.toml")
                    .to_string();
                (text, "<embedded runners>/languages.toml".to_string(), RunnerFiles::Embedded)
            }
        };
        let mut languages: BTreeMap<String, LanguageConfig> =
            toml::from_str(&text).map_err(|e| LangError::Table { file: file.clone(), message: e.to_string() })?;
        for (id, cfg) in languages.iter_mut() {
            if !["python", "python2", "cpp", "c", "cuda"].contains(&id.as_str()) {
                return Err(LangError::Table {
                    file,
                    message: format!("table `[{id}]`: unsupported language; expected `python`, `python2`, `cpp`, `c` or `cuda`"),
                });
            }
            cfg.id = id.clone();
        }
        Ok(LanguageTable { languages, files })
    }

    /// A language by id.
    pub fn get(&self, id: &str) -> Result<&LanguageConfig, LangError> {
        self.languages
            .get(id)
            .ok_or_else(|| LangError::Unknown(id.to_string(), self.languages.keys().cloned().collect::<Vec<_>>().join(", ")))
    }

    /// The language for a file extension (without the dot), if any.
    pub fn by_extension(&self, ext: &str) -> Option<&LanguageConfig> {
        self.languages.values().find(|l| l.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
    }
}
