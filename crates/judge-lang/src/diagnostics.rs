//! Reading compiler output and interpreter crashes.

/// A compiler log prepared for a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompilerLog {
    /// The first line containing `error` (or the first non-empty line).
    pub first_error: String,
    /// The log: ANSI escapes removed, the head kept up to the cap (cut on a
    /// UTF-8 boundary at a line end where possible) and a marker saying how
    /// much was cut (VNOI-Admin/judge-server#5, agrawal-d/cph#556).
    pub log: String,
}

/// Strip ANSI escape sequences (CSI `ESC [ ... final` and OSC `ESC ] ... BEL`).
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('[') => {
                chars.next();
                for c in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        break;
                    }
                }
            }
            Some(']') => {
                chars.next();
                while let Some(c) = chars.next() {
                    if c == '\u{7}' {
                        break;
                    }
                    if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                        chars.next();
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Clean a compiler's output for a CE report, keeping at most `cap` bytes of the head.
pub fn clean_compiler_output(raw: &[u8], cap: usize) -> CompilerLog {
    let text = strip_ansi(&String::from_utf8_lossy(raw));
    let first_error = text
        .lines()
        .find(|l| l.contains("error"))
        .or_else(|| text.lines().find(|l| !l.trim().is_empty()))
        .unwrap_or("")
        .trim()
        .to_string();
    let log = if text.len() <= cap {
        text
    } else {
        let mut end = cap;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if let Some(nl) = text[..end].rfind('\n') {
            end = nl + 1;
        }
        format!(
            "{}[… compiler output truncated: showing the first {} of {} bytes]\n",
            &text[..end],
            end,
            text.len()
        )
    };
    CompilerLog { first_error, log }
}

/// An uncaught exception recognised on a program's stderr: the exception type,
/// its message, and whether it is an allocation failure
/// ([`crate::Language::runtime_exception`] of language `lang`; `None` for an
/// unknown language).
///
/// Recognises a Python traceback's last line (`ValueError: bad`,
/// `MemoryError`) and libstdc++'s terminate message
/// (`terminate called after throwing an instance of 'std::bad_alloc'`).
pub fn runtime_exception(lang: &str, stderr: &str) -> Option<(String, String, bool)> {
    crate::language::language(lang).ok()?.runtime_exception(stderr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_ansi_and_cuts_on_char_boundaries() {
        let raw = "\u{1b}[01m\u{1b}[Ka.cpp:7:5:\u{1b}[m error: ‘x’\nmore ‘é’ text\n".repeat(100);
        let log = clean_compiler_output(raw.as_bytes(), 200);
        assert!(!log.log.contains('\u{1b}'));
        assert!(log.first_error.starts_with("a.cpp:7:5: error"));
        assert!(log.log.contains("truncated"));
        assert!(log.log.len() < 300);
    }

    #[test]
    fn reads_python_and_cpp_crashes() {
        let py = "Traceback (most recent call last):\n  File \"x\", line 1\n    x()\nValueError: bad value\n";
        assert_eq!(runtime_exception("python", py), Some(("ValueError".into(), "bad value".into(), false)));
        let py = "Traceback (most recent call last):\n  File \"x\", line 1\nMemoryError\n";
        assert!(runtime_exception("python", py).unwrap().2);
        let cpp = "terminate called after throwing an instance of 'std::bad_alloc'\n  what():  std::bad_alloc\n";
        assert_eq!(runtime_exception("cpp", cpp), Some(("std::bad_alloc".into(), "std::bad_alloc".into(), true)));
        assert_eq!(runtime_exception("python", "just text"), None);
        assert_eq!(runtime_exception("cuda", cpp), Some(("std::bad_alloc".into(), "std::bad_alloc".into(), true)));
        assert_eq!(runtime_exception("c", cpp), None);
    }
}
