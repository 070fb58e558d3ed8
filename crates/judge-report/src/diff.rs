//! Line diffs of expected vs actual values (the `similar` crate's Myers diff).

use similar::{ChangeTag, TextDiff};

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
/// separated by `…`; at most `max_lines` lines.
pub fn diff_lines(expected: &str, actual: &str, context: usize, max_lines: usize) -> Vec<String> {
    let diff = TextDiff::from_lines(expected, actual);
    let mut out = Vec::new();
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
                let shown = if text.chars().count() > 120 { format!("{}…", text.chars().take(120).collect::<String>()) } else { text.to_string() };
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
}
