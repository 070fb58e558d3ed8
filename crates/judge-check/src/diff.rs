//! Line diffs of expected vs actual output for reports (the `similar` crate's
//! Myers diff), with whitespace made visible.
//!
//! The judge runs outside every limit and the actual output is the
//! solution's (captured up to the output limit, 64 MiB by default), so the
//! work here is bounded whatever the output: the first difference is found by
//! a linear scan, only a window from a few lines before it is diffed (at most
//! [`WINDOW_LINES`] lines and about [`WINDOW_BYTES`] bytes per side), lines
//! longer than [`LINE_BYTES`] are compared by length and hash and shown cut
//! around the difference, and the Myers diff gets a deadline of [`DEADLINE`]
//! (past it, `similar` returns a correct but less minimal diff). When anything
//! was cut, the diff starts with `… first difference at line N, byte M …`.

use similar::{capture_diff_slices_deadline, group_diff_ops, Algorithm, ChangeTag, DiffTag};
use std::hash::BuildHasher;
use std::time::{Duration, Instant};

/// Shown for a carriage return.
pub const CR: &str = "␍";
/// Shown for a tab.
pub const TAB: &str = "→";
/// Shown for a trailing space.
pub const SPACE: &str = "·";
/// Appended to a last line that has no newline.
pub const NO_NEWLINE: &str = "⟨no newline at end⟩";
/// At most this many lines of each side are diffed.
pub const WINDOW_LINES: usize = 2000;
/// Lines are added to a side's window until it holds this many bytes (the
/// line holding the first difference is always included).
pub const WINDOW_BYTES: usize = 256 << 10;
/// Lines longer than this (bytes) are compared by length and hash, and shown
/// cut to this many bytes (around the first difference on its line).
pub const LINE_BYTES: usize = 4096;
/// Time given to the Myers diff of the windows.
pub const DEADLINE: Duration = Duration::from_millis(250);

/// Make one line's whitespace visible: CR as `␍`, tabs as `→`, trailing
/// spaces as `·`.
pub fn visible(line: &str) -> String {
    let body = line.trim_end_matches(' ');
    let trailing = line.len() - body.len();
    let mut s = body.replace('\r', CR).replace('\t', TAB);
    s.push_str(&SPACE.repeat(trailing));
    s
}

/// Where two outputs first differ: `line` (0-based) and `byte` (0-based
/// offset in the output) of the first differing byte, and the offset where
/// that line starts (the same in both: everything before `byte` is equal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstDifference {
    /// 0-based line number.
    pub line: usize,
    /// 0-based byte offset in the output.
    pub byte: usize,
    /// Byte offset where `line` starts.
    pub line_start: usize,
}

/// The first difference between `expected` and `actual` (one linear pass),
/// or `None` when they are equal.
pub fn first_difference(expected: &[u8], actual: &[u8]) -> Option<FirstDifference> {
    let n = expected.len().min(actual.len());
    let mut p = 0;
    const CHUNK: usize = 4096;
    while p + CHUNK <= n && expected[p..p + CHUNK] == actual[p..p + CHUNK] {
        p += CHUNK;
    }
    p += expected[p..n].iter().zip(&actual[p..n]).position(|(a, b)| a != b).unwrap_or(n - p);
    if p == expected.len() && p == actual.len() {
        return None;
    }
    let head = &expected[..p];
    Some(FirstDifference {
        line: memchr::memchr_iter(b'\n', head).count(),
        byte: p,
        line_start: memchr::memrchr(b'\n', head).map_or(0, |i| i + 1),
    })
}

/// How a window line is compared: by its bytes, or by length and a hash
/// (randomly keyed, so a solution cannot aim at a collision) when long; and
/// whether a newline ends it.
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key<'a> {
    Bytes(&'a [u8], bool),
    Long(usize, u64, bool),
}

/// One line of a window: its bytes (without the newline) and whether it is
/// the output's last line with no newline after it.
struct Line<'a> {
    bytes: &'a [u8],
    no_newline: bool,
}

/// Lines of `text` from byte `start` (a line start): at most [`WINDOW_LINES`],
/// until [`WINDOW_BYTES`] are taken, but always through the line starting at
/// `must_reach`. Also returns the offset where the window ends.
fn window_lines(text: &[u8], start: usize, must_reach: usize) -> (Vec<Line<'_>>, usize) {
    let mut lines = Vec::new();
    let mut pos = start;
    while pos < text.len() && lines.len() < WINDOW_LINES && (pos - start < WINDOW_BYTES || pos <= must_reach) {
        match memchr::memchr(b'\n', &text[pos..]) {
            Some(i) => {
                lines.push(Line { bytes: &text[pos..pos + i], no_newline: false });
                pos += i + 1;
            }
            None => {
                lines.push(Line { bytes: &text[pos..], no_newline: true });
                pos = text.len();
            }
        }
    }
    (lines, pos)
}

fn keys<'a>(lines: &[Line<'a>], state: &std::collections::hash_map::RandomState) -> Vec<Key<'a>> {
    lines
        .iter()
        .map(|l| {
            if l.bytes.len() <= LINE_BYTES {
                Key::Bytes(l.bytes, l.no_newline)
            } else {
                Key::Long(l.bytes.len(), state.hash_one(l.bytes), l.no_newline)
            }
        })
        .collect()
}

/// A line as shown: bytes `from..` (at most [`LINE_BYTES`]) with `…` where
/// cut, whitespace made visible, and [`NO_NEWLINE`] after an unterminated
/// last line.
fn shown(line: &Line<'_>, from: usize) -> String {
    let from = from.min(line.bytes.len());
    let to = line.bytes.len().min(from + LINE_BYTES);
    let text = String::from_utf8_lossy(&line.bytes[from..to]);
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    if to < line.bytes.len() {
        // Spaces before the cut are not trailing.
        s.push_str(&text.replace('\r', CR).replace('\t', TAB));
        s.push('…');
    } else {
        s.push_str(&visible(&text));
    }
    if line.no_newline {
        s.push(' ');
        s.push_str(NO_NEWLINE);
    }
    s
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
///
/// Bounded in time and memory whatever the inputs' sizes (see the module
/// documentation); equal inputs give an empty diff.
pub fn text_diff_marked(expected: &[u8], actual: &[u8], context: usize, max_lines: usize, mark: bool) -> Vec<String> {
    let Some(first) = first_difference(expected, actual) else {
        return Vec::new();
    };
    // The window starts `context` lines before the first difference; the
    // lines before it are equal in both.
    let mut start = first.line_start;
    let mut start_line = first.line;
    while start_line > first.line.saturating_sub(context) && start > 0 {
        start = memchr::memrchr(b'\n', &expected[..start - 1]).map_or(0, |i| i + 1);
        start_line -= 1;
    }
    let (old, old_end) = window_lines(expected, start, first.line_start);
    let (new, new_end) = window_lines(actual, start, first.line_start);
    // The line holding the first difference is cut at the same offset on
    // both sides, so that the marker lines up.
    let diff_at = first.line - start_line;
    let long = |v: &[Line<'_>]| v.get(diff_at).is_some_and(|l| l.bytes.len() > LINE_BYTES);
    let line_cut = long(&old) || long(&new);
    let diff_from = if line_cut { snap_to_char(actual, first.line_start, (first.byte - first.line_start).saturating_sub(LINE_BYTES / 4)) } else { 0 };
    let show = |v: &[Line<'_>], i: usize| shown(&v[i], if i == diff_at { diff_from } else { 0 });

    let state = std::collections::hash_map::RandomState::new();
    let (old_keys, new_keys) = (keys(&old, &state), keys(&new, &state));
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &old_keys, &new_keys, Some(Instant::now() + DEADLINE));

    let mut out = Vec::new();
    let window_cut = old_end < expected.len() || new_end < actual.len();
    let any_long = old.iter().chain(&new).any(|l| l.bytes.len() > LINE_BYTES);
    if window_cut || any_long {
        let mut note = format!(
            "… first difference at line {}, byte {} (expected {} bytes, got {})",
            first.line + 1,
            first.byte,
            expected.len(),
            actual.len()
        );
        if window_cut {
            note.push_str(&format!(
                "; diff limited to lines {}–{} of the expected and {}–{} of the actual output",
                start_line + 1,
                start_line + old.len(),
                start_line + 1,
                start_line + new.len()
            ));
        }
        if any_long {
            note.push_str(&format!("; lines longer than {LINE_BYTES} bytes are cut"));
        }
        out.push(note);
    }
    let mut marked = !mark;
    for group in group_diff_ops(ops, context) {
        let first_op = group.first().map(|op| op.old_range().start).unwrap_or(0);
        out.push(format!("@@ line {} @@", start_line + first_op + 1));
        // (tag, index into the old or new window)
        let mut changes: Vec<(ChangeTag, usize)> = Vec::new();
        for op in &group {
            let (tag, o, n) = op.as_tag_tuple();
            match tag {
                DiffTag::Equal => changes.extend(o.map(|i| (ChangeTag::Equal, i))),
                DiffTag::Delete => changes.extend(o.map(|i| (ChangeTag::Delete, i))),
                DiffTag::Insert => changes.extend(n.map(|i| (ChangeTag::Insert, i))),
                DiffTag::Replace => {
                    changes.extend(o.map(|i| (ChangeTag::Delete, i)));
                    changes.extend(n.map(|i| (ChangeTag::Insert, i)));
                }
            }
        }
        let text_of = |(tag, i): (ChangeTag, usize)| if tag == ChangeTag::Insert { show(&new, i) } else { show(&old, i) };
        let key_of = |(tag, i): (ChangeTag, usize)| if tag == ChangeTag::Insert { &new_keys[i] } else { &old_keys[i] };
        // Push a run of changes of one tag; a line repeated more than twice
        // (also after `prev`, the line just shown) is shown once with a count.
        let push_run = |out: &mut Vec<String>, run: &[(ChangeTag, usize)], prev: Option<(ChangeTag, usize)>| {
            let mut j = 0;
            let mut prev = prev;
            while j < run.len() && out.len() < max_lines {
                let c = run[j];
                if let Some(p) = prev {
                    let same = run[j..].iter().take_while(|d| key_of(**d) == key_of(p)).count();
                    if same >= 2 {
                        out.push(format!("{} ⟨the same line {same} more times⟩", sign(c.0)));
                        j += same;
                        prev = None;
                        continue;
                    }
                }
                out.push(format!("{} {}", sign(c.0), window(&text_of(c))));
                prev = Some(c);
                j += 1;
            }
        };
        let mut k = 0;
        while k < changes.len() {
            let c = changes[k];
            let run = changes[k..].iter().take_while(|d| d.0 == c.0).count();
            if !marked && c.0 == ChangeTag::Delete {
                // A run of deletions followed by a run of insertions: pair the
                // first of each and mark where they start to differ.
                let dels = run;
                let ins = changes[k + dels..].iter().take_while(|c| c.0 == ChangeTag::Insert).count();
                if ins > 0 {
                    let (a, b) = mark_first_difference(&text_of(c), &text_of(changes[k + dels]));
                    out.push(format!("- {}", window(&a)));
                    push_run(&mut out, &changes[k + 1..k + dels], Some(c));
                    if out.len() < max_lines {
                        out.push(format!("+ {}", window(&b)));
                    }
                    push_run(&mut out, &changes[k + dels + 1..k + dels + ins], Some(changes[k + dels]));
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
            push_run(&mut out, &changes[k..k + run], None);
            k += run;
            if out.len() >= max_lines {
                out.truncate(max_lines);
                out.push("… diff cut".to_string());
                return out;
            }
        }
    }
    out
}

fn sign(tag: ChangeTag) -> &'static str {
    match tag {
        ChangeTag::Delete => "-",
        ChangeTag::Insert => "+",
        ChangeTag::Equal => " ",
    }
}

/// `from` moved forward past UTF-8 continuation bytes of `text[line_start..]`
/// (at most 3), so that a cut line does not start inside a character.
fn snap_to_char(text: &[u8], line_start: usize, from: usize) -> usize {
    let mut f = from;
    while f > 0 && f < from + 3 && text.get(line_start + f).is_some_and(|b| (0x80..0xC0).contains(b)) {
        f += 1;
    }
    f
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

    #[test]
    fn first_difference_is_found_by_line_and_byte() {
        assert_eq!(first_difference(b"a\nb\n", b"a\nb\n"), None);
        let f = first_difference(b"a\nbc\nd\n", b"a\nbx\nd\n").unwrap();
        assert_eq!(f, FirstDifference { line: 1, byte: 3, line_start: 2 });
        let big = vec![b'x'; 10_000];
        let mut other = big.clone();
        other[9_000] = b'y';
        assert_eq!(first_difference(&big, &other).unwrap().byte, 9_000);
        assert_eq!(first_difference(b"", b"1").unwrap(), FirstDifference { line: 0, byte: 0, line_start: 0 });
    }

    #[test]
    fn a_flood_of_newlines_gets_a_bounded_diff_saying_where_it_differs() {
        let flood = vec![b'\n'; 16 << 20];
        let t = std::time::Instant::now();
        let d = text_diff(b"42\n", &flood, 3, 40);
        assert!(t.elapsed() < Duration::from_secs(60), "{:?}", t.elapsed());
        assert!(d[0].starts_with("… first difference at line 1, byte 0"), "{d:?}");
        assert!(d[0].contains("diff limited to lines 1–1 of the expected and 1–2000 of the actual"), "{d:?}");
        assert_eq!(d[1..], ["@@ line 1 @@", "- «42»", "+ «»", "+ ⟨the same line 1999 more times⟩"], "{d:?}");
    }

    #[test]
    fn a_huge_line_is_cut_around_the_first_difference() {
        let exp: Vec<u8> = b"ab ".repeat(4 << 20);
        let mut act = exp.clone();
        act[10_000_000] = b'z';
        let d = text_diff(&exp, &act, 3, 40);
        assert!(d[0].starts_with("… first difference at line 1, byte 10000000"), "{d:?}");
        assert!(d[0].contains("cut"), "{d:?}");
        assert!(d.iter().any(|l| l.starts_with("- ") && l.contains("«ab»")), "{d:?}");
        assert!(d.iter().any(|l| l.starts_with("+ ") && l.contains("«az»")), "{d:?}");
        assert!(d.iter().all(|l| l.chars().count() < 400), "{d:?}");
        // A long line that differs only after the cut still differs.
        let mut act = exp.clone();
        act.extend_from_slice(b"\nsame\n");
        let mut exp2 = exp.clone();
        exp2.extend_from_slice(b"\nsame\n");
        *act.last_mut().unwrap() = b'\n';
        let n = act.len();
        act[n - 7] = b'b';
        let d = text_diff(&exp2, &act, 3, 40);
        assert!(d.iter().any(|l| l.starts_with("- ")) && d.iter().any(|l| l.starts_with("+ ")), "{d:?}");
    }

    #[test]
    fn many_differing_lines_are_bounded() {
        let exp: String = (0..200_000).map(|i| format!("{i}\n")).collect();
        let act: String = (0..200_000).map(|i| format!("{}\n", i * 7 % 1000)).collect();
        let d = text_diff(exp.as_bytes(), act.as_bytes(), 3, 40);
        assert!(d[0].contains("diff limited to lines"), "{d:?}");
        assert!(d.len() <= 42, "{d:?}");
        // Ordinary sizes: no note, every hunk.
        let exp: String = (0..100).map(|i| format!("{i}\n")).collect();
        let act = exp.replace("\n10\n", "\nten\n").replace("\n90\n", "\nninety\n");
        let d = text_diff(exp.as_bytes(), act.as_bytes(), 1, 40);
        assert_eq!(d.iter().filter(|l| l.starts_with("@@")).count(), 2, "{d:?}");
        assert!(!d[0].starts_with('…'), "{d:?}");
    }
}
