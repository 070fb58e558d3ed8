//! Where problem files are read from: a directory or the embedded copy.

use std::path::PathBuf;

/// A tree of problem files addressed by `/`-separated relative paths.
#[derive(Debug, Clone)]
pub enum Source {
    /// A directory on disk.
    Dir(PathBuf),
    /// The copy embedded in the binary at build time.
    Embedded(&'static include_dir::Dir<'static>),
}

impl Source {
    /// A human name for a path in this source (a real path for directories).
    pub fn describe(&self, rel: &str) -> String {
        match self {
            Source::Dir(d) if rel.is_empty() => d.display().to_string(),
            Source::Dir(d) => d.join(rel).display().to_string(),
            Source::Embedded(_) => format!("<embedded problems>/{rel}"),
        }
    }

    /// Whether a file or directory exists.
    pub fn exists(&self, rel: &str) -> bool {
        match self {
            Source::Dir(d) => d.join(rel).exists(),
            Source::Embedded(root) => root.get_entry(rel).is_some(),
        }
    }

    /// Read a file.
    pub fn read(&self, rel: &str) -> Result<Vec<u8>, String> {
        match self {
            Source::Dir(d) => std::fs::read(d.join(rel)).map_err(|e| e.to_string()),
            Source::Embedded(root) => root
                .get_file(rel)
                .map(|f| f.contents().to_vec())
                .ok_or_else(|| "no such embedded file".to_string()),
        }
    }

    fn entries(&self, rel: &str, dirs: bool) -> Result<Vec<String>, String> {
        match self {
            Source::Dir(d) => {
                let mut out = Vec::new();
                for entry in std::fs::read_dir(d.join(rel)).map_err(|e| e.to_string())? {
                    let entry = entry.map_err(|e| e.to_string())?;
                    let is_dir = entry.file_type().map_err(|e| e.to_string())?.is_dir();
                    if is_dir == dirs {
                        out.push(entry.file_name().to_string_lossy().into_owned());
                    }
                }
                Ok(out)
            }
            Source::Embedded(root) => {
                let dir = if rel.is_empty() { Some(*root) } else { root.get_dir(rel) };
                let dir = dir.ok_or_else(|| "no such embedded directory".to_string())?;
                let name = |p: &std::path::Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
                Ok(if dirs {
                    dir.dirs().filter_map(|d| name(d.path())).collect()
                } else {
                    dir.files().filter_map(|f| name(f.path())).collect()
                })
            }
        }
    }

    /// Names of the subdirectories of a directory.
    pub fn list_dirs(&self, rel: &str) -> Result<Vec<String>, String> {
        self.entries(rel, true)
    }

    /// Names of the files of a directory.
    pub fn list_files(&self, rel: &str) -> Result<Vec<String>, String> {
        self.entries(rel, false)
    }

    /// Every file under a directory, recursively, as paths relative to that
    /// directory (`reference/solution.py`), sorted. Symbolic links to
    /// directories are not followed.
    pub fn walk_files(&self, rel: &str) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        let mut stack = vec![String::new()];
        while let Some(sub) = stack.pop() {
            let full = if sub.is_empty() { rel.to_string() } else { format!("{rel}/{sub}") };
            let join = |n: String| if sub.is_empty() { n } else { format!("{sub}/{n}") };
            for d in self.list_dirs(&full)? {
                stack.push(join(d));
            }
            for f in self.list_files(&full)? {
                out.push(join(f));
            }
        }
        out.sort();
        Ok(out)
    }
}
