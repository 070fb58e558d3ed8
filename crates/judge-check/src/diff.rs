//! Line diffs of expected vs actual output for reports (the `similar` crate's
//! Myers diff), with whitespace made visible.

use similar::{ChangeTag, TextDiff};

/// Shown for a carriage return.
pub const CR: &str = "␍";
/// Shown for a tab.
pub const TAB: &str = "→";
/// Shown for a trailing space.
pub const SPACE: &str = "·";
/// Appended to a last line that has no newline.
pub const NO_NEWLINE: &str = "⟨no newline at end⟩";

/// Make one line's whitespace visible: CR as `␍`, tabs as `→`, trailing
/// spaces as `·`.
pub fn visible(line: &str) -> String {
    let body = line.trim_end_matches(' ');
    let trailing = line.len() - body.len();
    let mut s = body.replace('\r', CR).replace('\t', TAB);
    s.push_str(&SPACE.repeat(trailing));
    s
}

fn visible_lines(b: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(b);
    if text.is_empty() {
        return Vec::new();
    }
    let ends_with_newline = text.ends_with('\n');
    let body = if ends_with_newline { &text[..text.len() - 1] } else { &text[..] };
    let mut lines: Vec<String> = body.split('\n').map(visible).collect();
    if !ends_with_newline {
        if let Some(last) = lines.last_mut() {
            last.push(' ');
            last.push_str(NO_NEWLINE);
        }
    }
    lines
}

/// Mark the first token that differs between two lines with `«…»` in both.
fn mark_first_difference(old: &str, new: &str) -> (String, String) {
    let suffix = format!(" {NO_NEWLINE}");
    let (old_body, old_nl) = old.strip_suffix(&suffix).map_or((old, ""), |b| (b, suffix.as_str()));
    let (new_body, new_nl) = new.strip_suffix(&suffix).map_or((new, ""), |b| (b, suffix.as_str()));
    let (x, y) = mark_tokens(old_body, new_body);
    (format!("{x}{old_nl}"), format!("{y}{new_nl}"))
}

fn mark_tokens(old: &str, new: &str) -> (String, String) {
    // Same tokens, different spacing: show every space.
    if old.split_whitespace().eq(new.split_whitespace()) && old != new {
        return (old.replace(' ', SPACE), new.replace(' ', SPACE));
    }
    let a: Vec<&str> = old.split(' ').collect();
    let b: Vec<&str> = new.split(' ').collect();
    let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) else {
        return (old.to_string(), new.to_string());
    };
    let mark = |v: &[&str]| -> String {
        v.iter()
            .enumerate()
            .map(|(j, t)| if j == i { format!("«{t}»") } else { t.to_string() })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (mut x, mut y) = (mark(&a), mark(&b));
    if i >= a.len() {
        x.push_str(" «»");
    }
    if i >= b.len() {
        y.push_str(" «»");
    }
    (x, y)
}

/// A unified-style diff of `expected` (`-`) against `actual` (`+`): hunks with
/// `context` lines around each change, headed `@@ line N @@`, whitespace made
/// visible, the first differing token of the first changed pair marked `«…»`,
/// and at most `max_lines` lines (then `… diff cut`).
pub fn text_diff(expected: &[u8], actual: &[u8], context: usize, max_lines: usize) -> Vec<String> {
    text_diff_marked(expected, actual, context, max_lines, true)
}

/// Cut a long line to a window of about 160 characters around the `«`
/// marker (or its start), with `…` where it was cut.
fn window(t: &str) -> String {
    const W: usize = 160;
    let chars: Vec<char> = t.chars().collect();
    if chars.len() <= W {
        return t.to_string();
    }
    let at = chars.iter().position(|c| *c == '«').unwrap_or(0);
    let start = at.saturating_sub(W / 4);
    let end = (start + W).min(chars.len());
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.extend(&chars[start..end]);
    if end < chars.len() {
        s.push('…');
    }
    s
}

/// [`text_diff`], choosing whether to mark the first differing token (a
/// numeric checker's first rejected token need not be the first textual difference).
pub fn text_diff_marked(expected: &[u8], actual: &[u8], context: usize, max_lines: usize, mark: bool) -> Vec<String> {
    let old = visible_lines(expected);
    let new = visible_lines(actual);
    let old_refs: Vec<&str> = old.iter().map(String::as_str).collect();
    let new_refs: Vec<&str> = new.iter().map(String::as_str).collect();
    let diff = TextDiff::from_slices(&old_refs, &new_refs);
    let mut out = Vec::new();
    let mut marked = !mark;
    for group in diff.grouped_ops(context) {
        let first = group.first().map(|op| op.old_range().start).unwrap_or(0);
        out.push(format!("@@ line {} @@", first + 1));
        let changes: Vec<_> = group.iter().flat_map(|op| diff.iter_changes(op)).collect();
        let mut k = 0;
        while k < changes.len() {
            let c = &changes[k];
            let text = c.value().to_string();
            let clipped = |t: &str| window(t);
            if !marked && c.tag() == ChangeTag::Delete {
                // A run of deletions followed by a run of insertions: pair the
                // first of each and mark where they start to differ.
                let dels = changes[k..].iter().take_while(|c| c.tag() == ChangeTag::Delete).count();
                let ins = changes[k + dels..].iter().take_while(|c| c.tag() == ChangeTag::Insert).count();
                if ins > 0 {
                    let (a, b) = mark_first_difference(&text, changes[k + dels].value());
                    out.push(format!("- {}", clipped(&a)));
                    for d in &changes[k + 1..k + dels] {
                        out.push(format!("- {}", clipped(d.value())));
                    }
                    out.push(format!("+ {}", clipped(&b)));
                    for i in &changes[k + dels + 1..k + dels + ins] {
                        out.push(format!("+ {}", clipped(i.value())));
                    }
                    marked = true;
                    k += dels + ins;
                    if out.len() >= max_lines {
                        out.truncate(max_lines);
                        out.push("… diff cut".to_string());
                        return out;
                    }
                    continue;
                }
            }
            let sign = match c.tag() {
                ChangeTag::Delete => "-",
                ChangeTag::Insert => "+",
                ChangeTag::Equal => " ",
            };
            out.push(format!("{sign} {}", clipped(&text)));
            k += 1;
            if out.len() >= max_lines {
                out.push("… diff cut".to_string());
                return out;
            }
        }
    }
    out
}

/// A hint when the output differs only in whitespace (it would pass the
/// `tokens` checker), for checkers that compare whitespace.
pub fn whitespace_hint(expected: &[u8], actual: &[u8]) -> Option<String> {
    let tokens = crate::TextChecker::Tokens { case_insensitive: false };
    crate::check_text(tokens, expected, actual)
        .is_ok()
        .then(|| "the output would pass if whitespace were ignored (only spaces, tabs, CRs or newlines differ)".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cr_and_missing_newline_are_visible() {
        let d = text_diff(b"3\n7\n", b"3\r\n7\r\n", 2, 40);
        assert!(d.iter().any(|l| l.starts_with('+') && l.contains(CR)), "{d:?}");
        assert!(d.contains(&"- «3»".to_string()) && d.contains(&format!("+ «3{CR}»")), "{d:?}");
        let d = text_diff(b"5\n", b"5", 2, 40);
        assert!(d.iter().any(|l| l.contains(NO_NEWLINE)), "{d:?}");
        assert!(whitespace_hint(b"3\n7\n", b"3\r\n7\r\n").is_some());
        assert!(whitespace_hint(b"1 2 3\n", b"123\n").is_none());
    }

    #[test]
    fn long_outputs_are_cut_around_the_first_difference() {
        let exp: String = (0..1000).map(|i| format!("{i}\n")).collect();
        let act = exp.replace("500\n", "501 x\n");
        let d = text_diff(exp.as_bytes(), act.as_bytes(), 2, 40);
        assert_eq!(d[0], "@@ line 499 @@");
        assert!(d.len() < 10, "{d:?}");
        assert!(d.contains(&"- «500»".to_string()), "{d:?}");
        assert!(d.contains(&"+ «501» x".to_string()), "{d:?}");
    }

    #[test]
    fn long_lines_are_cut_around_the_marker_and_spacing_is_shown() {
        let exp: String = (0..5000).map(|i| i.to_string()).collect::<Vec<_>>().join(" ");
        let act = exp.replace(" 3001 ", " 9999 ");
        let d = text_diff(exp.as_bytes(), act.as_bytes(), 2, 40);
        assert!(d.iter().any(|l| l.contains("«3001»")), "{d:?}");
        assert!(d.iter().all(|l| l.chars().count() < 200));
        let d = text_diff(b"a b\n", b"a  b\n", 2, 40);
        assert!(d.contains(&format!("+ a{SPACE}{SPACE}b")), "{d:?}");
    }
}
