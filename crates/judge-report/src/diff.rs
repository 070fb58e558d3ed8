//! Line diffs of expected vs actual values (the `similar` crate's Myers diff).
//!
//! Bounded whatever the inputs' sizes: the first differing line is found by a
//! linear scan, only a window from a few lines before it is diffed (at most
//! [`WINDOW_LINES`] lines and about [`WINDOW_BYTES`] bytes per side), with a
//! deadline of [`DEADLINE`]; when the window does not cover both texts the
//! diff starts with `… first difference at line N, byte M …`.

use similar::{Algorithm, ChangeTag, TextDiff};
use std::time::{Duration, Instant};

/// At most this many lines of each side are diffed.
pub const WINDOW_LINES: usize = 2000;
/// Lines are added to a side's window until it holds this many bytes (the
/// line holding the first difference is always included).
pub const WINDOW_BYTES: usize = 256 << 10;
/// Time given to the Myers diff of the windows.
pub const DEADLINE: Duration = Duration::from_millis(250);

/// Split a rendered value into lines for diffing: a long top-level list
/// (`[a, b, c]`) becomes one element per line, other text is split on newlines.
pub fn pretty_value_lines(rendered: &str) -> String {
    let t = rendered.trim();
    if t.starts_with('[') && t.ends_with(']') && !t.contains('\n') {
        let inner = &t[1..t.len() - 1];
        let mut out = String::new();
        let mut depth = 0i32;
        let mut in_str = false;
        let mut start = 0;
        let bytes = inner.as_bytes();
        for (i, &c) in bytes.iter().enumerate() {
            match c {
                b'"' if i == 0 || bytes[i - 1] != b'\\' => in_str = !in_str,
                b'[' if !in_str => depth += 1,
                b']' if !in_str => depth -= 1,
                b',' if !in_str && depth == 0 => {
                    out.push_str(inner[start..i].trim());
                    out.push('\n');
                    start = i + 1;
                }
                _ => {}
            }
        }
        out.push_str(inner[start..].trim());
        out.push('\n');
        return out;
    }
    let mut s = rendered.to_string();
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// A unified-style line diff: `-` expected, `+` actual, `  ` context; hunks
/// separated by `…`; lines cut to 120 characters; at most `max_lines` lines
/// (then `… (diff cut)`). Bounded work (see the module documentation).
pub fn diff_lines(expected: &str, actual: &str, context: usize, max_lines: usize) -> Vec<String> {
    let (e, a) = (expected.as_bytes(), actual.as_bytes());
    let n = e.len().min(a.len());
    let mut p = e.iter().zip(a).position(|(x, y)| x != y).unwrap_or(n);
    if p == e.len() && p == a.len() {
        return Vec::new();
    }
    while !expected.is_char_boundary(p) {
        p -= 1;
    }
    // Start `context` lines before the line of the first difference; all
    // of it is equal on both sides, and every offset used is a line start.
    let line = expected[..p].matches('\n').count();
    let mut start = expected[..p].rfind('\n').map_or(0, |i| i + 1);
    let mut start_line = line;
    while start_line > line.saturating_sub(context) && start > 0 {
        start = expected[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        start_line -= 1;
    }
    let must_reach = expected[..p].rfind('\n').map_or(0, |i| i + 1);
    let (old, old_lines) = window(expected, start, must_reach);
    let (new, new_lines) = window(actual, start, must_reach);
    let mut out = Vec::new();
    if start + old.len() < expected.len() || start + new.len() < actual.len() {
        out.push(format!(
            "… first difference at line {}, byte {}; diff limited to lines {}–{} of the expected and {}–{} of the actual value",
            line + 1,
            p,
            start_line + 1,
            start_line + old_lines,
            start_line + 1,
            start_line + new_lines
        ));
    }
    let diff = TextDiff::configure().algorithm(Algorithm::Myers).deadline(Instant::now() + DEADLINE).diff_lines(old, new);
    for (i, group) in diff.grouped_ops(context).iter().enumerate() {
        if i > 0 {
            out.push("…".to_string());
        }
        for op in group {
            for change in diff.iter_changes(op) {
                let sign = match change.tag() {
                    ChangeTag::Delete => "-",
                    ChangeTag::Insert => "+",
                    ChangeTag::Equal => " ",
                };
                let text = change.value().trim_end_matches('\n');
                let shown = match text.char_indices().nth(120) {
                    Some((cut, _)) => format!("{}…", &text[..cut]),
                    None => text.to_string(),
                };
                out.push(format!("{sign} {shown}"));
                if out.len() >= max_lines {
                    out.push("… (diff cut)".into());
                    return out;
                }
            }
        }
    }
    out
}

/// The lines of `text` from byte `start` (a line start), newlines included:
/// at most [`WINDOW_LINES`], until [`WINDOW_BYTES`] are taken, but always
/// through the line starting at `must_reach`; and how many lines that is.
fn window(text: &str, start: usize, must_reach: usize) -> (&str, usize) {
    let mut pos = start;
    let mut lines = 0;
    while pos < text.len() && lines < WINDOW_LINES && (pos - start < WINDOW_BYTES || pos <= must_reach) {
        pos = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        lines += 1;
    }
    (&text[start..pos], lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_diff_per_element() {
        let e = pretty_value_lines("[1, 2, 3, 4]");
        let a = pretty_value_lines("[1, 2, 5, 4]");
        let d = diff_lines(&e, &a, 1, 50);
        assert!(d.contains(&"- 3".to_string()), "{d:?}");
        assert!(d.contains(&"+ 5".to_string()), "{d:?}");
        assert_eq!(pretty_value_lines("[[1, 2], \"a,b\"]"), "[1, 2]\n\"a,b\"\n");
    }

    #[test]
    fn huge_values_get_a_bounded_diff() {
        // A million-element list whose last element differs, and a flood of
        // empty lines against one line.
        let e: String = (0..1_000_000).map(|i| format!("{i}\n")).collect();
        let a = e.replace("\n999999\n", "\n-1\n");
        let d = diff_lines(&e, &a, 1, 50);
        assert!(d.contains(&"- 999999".to_string()) && d.contains(&"+ -1".to_string()), "{d:?}");
        let flood = "\n".repeat(16 << 20);
        let d = diff_lines("42\n", &flood, 3, 50);
        assert!(d[0].starts_with("… first difference at line 1, byte 0; diff limited to lines 1–1 of the expected and 1–2000"), "{d:?}");
        assert!(d.len() <= 52 && d.contains(&"- 42".to_string()), "{d:?}");
        let long = "x".repeat(1 << 20);
        let d = diff_lines("y\n", &long, 3, 50);
        assert!(d.iter().all(|l| l.chars().count() < 200), "{d:?}");
        assert!(diff_lines("same\n", "same\n", 3, 50).is_empty());
        assert_eq!(diff_lines("é\n", "ê\n", 3, 50), ["- é", "+ ê"]);
    }
}
