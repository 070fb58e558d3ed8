//! Text checkers for stdio problems.

/// How stdio output is compared with the answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TextChecker {
    /// Byte for byte.
    Exact,
    /// Line by line; trailing whitespace of each line (including a CR before
    /// LF) and a missing final newline are ignored, nothing else.
    Lines,
    /// Whitespace-separated tokens; optionally case-insensitive.
    Tokens {
        /// Compare tokens ignoring ASCII case.
        case_insensitive: bool,
    },
    /// Tokens; where the answer token is a number, the output token must be a
    /// number within `tol` (absolute **or** relative, as the Kattis default
    /// validator); other tokens compare as strings.
    Float {
        /// The tolerance.
        tol: crate::FloatTolerance,
        /// Compare non-numeric tokens ignoring ASCII case.
        case_insensitive: bool,
    },
    /// Lines as a multiset: order does not matter; trailing whitespace and
    /// trailing empty lines are ignored.
    Unordered,
    /// The Kattis default output validator: tokens, case-insensitive unless
    /// `case_sensitive`, numbers within `tol` where one is given, and with
    /// `space_sensitive` every run of whitespace must match exactly too.
    KattisDefault {
        /// Tolerance for numeric answer tokens (`None`: compared as strings).
        tol: Option<crate::FloatTolerance>,
        /// `case_sensitive` flag.
        case_sensitive: bool,
        /// `space_change_sensitive` flag.
        space_sensitive: bool,
    },
}

/// Check `output` against `answer`; the error describes the first difference.
pub fn check_text(checker: TextChecker, answer: &[u8], output: &[u8]) -> Result<(), String> {
    match checker {
        TextChecker::Exact => {
            if answer == output {
                return Ok(());
            }
            let i = answer.iter().zip(output).position(|(a, b)| a != b).unwrap_or(answer.len().min(output.len()));
            Err(format!("outputs differ at byte {i} (expected {} bytes, got {})", answer.len(), output.len()))
        }
        TextChecker::Lines => {
            // Bytes, not text: two different invalid UTF-8 bytes must differ.
            // Only the line ends are normalised: a missing final newline is
            // fine, an extra blank line is a difference. Lazy: no allocation
            // per line of a hostile output.
            let (mut a, mut o) = (byte_lines(answer), byte_lines(output));
            let mut i = 0;
            loop {
                match (a.next(), o.next()) {
                    (Some(x), Some(y)) if x != y => {
                        return Err(format!("line {}: expected `{}`, got `{}`", i + 1, clip(x), clip(y)));
                    }
                    (Some(_), Some(_)) => i += 1,
                    (None, None) => return Ok(()),
                    (x, y) => {
                        let (na, no) = (i + usize::from(x.is_some()) + a.count(), i + usize::from(y.is_some()) + o.count());
                        return Err(format!("expected {na} lines, got {no}"));
                    }
                }
            }
        }
        TextChecker::Tokens { case_insensitive } => {
            let (mut a, mut o) = (tokens(answer), tokens(output));
            let mut i = 0;
            loop {
                match (a.next(), o.next()) {
                    (Some(x), Some(y)) => {
                        let same = if case_insensitive { x.eq_ignore_ascii_case(y) } else { x == y };
                        if !same {
                            return Err(format!("token {}: expected `{}`, got `{}`", i + 1, clip(x), clip(y)));
                        }
                        i += 1;
                    }
                    (None, None) => return Ok(()),
                    (x, y) => return Err(token_count(i, x.is_some(), a, y.is_some(), o)),
                }
            }
        }
        TextChecker::Float { tol, case_insensitive } => float_tokens(tol, case_insensitive, answer, output),
        TextChecker::Unordered => unordered(answer, output),
        TextChecker::KattisDefault { tol, case_sensitive, space_sensitive } => {
            if space_sensitive {
                let ws = |b| <[u8]>::split(b, |c: &u8| !c.is_ascii_whitespace()).filter(|w| !w.is_empty());
                let lead = |b: &[u8]| b.first().is_some_and(|c| c.is_ascii_whitespace());
                if !ws(answer).eq(ws(output)) || lead(answer) != lead(output) {
                    return Err("whitespace differs (the problem is space_change_sensitive)".into());
                }
            }
            match tol {
                Some(tol) => float_tokens(tol, !case_sensitive, answer, output),
                None => check_text(TextChecker::Tokens { case_insensitive: !case_sensitive }, answer, output),
            }
        }
    }
}

/// Parse a token as a float the way the Kattis default validator reads one:
/// any decimal spelling (`1e-05`, `-0.0`, `.5`, `5.`, `+3`) and `inf`, `-inf`,
/// `nan` in any case; `None` for anything else.
pub fn parse_float(tok: &[u8]) -> Option<f64> {
    let s = std::str::from_utf8(tok).ok()?;
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let named = ["inf", "infinity", "nan"].iter().any(|n| body.eq_ignore_ascii_case(n));
    let numeric = !body.is_empty() && (named || body.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-')));
    if !numeric {
        return None;
    }
    s.parse::<f64>().ok()
}

fn float_tokens(tol: crate::FloatTolerance, case_insensitive: bool, answer: &[u8], output: &[u8]) -> Result<(), String> {
    let (mut a, mut o) = (tokens(answer), tokens(output));
    let mut i = 0;
    loop {
        let (x, y) = match (a.next(), o.next()) {
            (Some(x), Some(y)) => (x, y),
            (None, None) => return Ok(()),
            (x, y) => return Err(token_count(i, x.is_some(), a, y.is_some(), o)),
        };
        match parse_float(x) {
            Some(e) => {
                let Some(v) = parse_float(y) else {
                    return Err(format!("token {}: expected the number `{}`, got `{}`", i + 1, clip(x), clip(y)));
                };
                if !tol.accepts(e, v) {
                    let abs = (e - v).abs();
                    let rel = if e != 0.0 { abs / e.abs() } else { f64::INFINITY };
                    return Err(format!(
                        "token {}: expected `{}`, got `{}` (absolute error {abs:.3e}, relative error {rel:.3e}; allowed {})",
                        i + 1,
                        clip(x),
                        clip(y),
                        tol.describe()
                    ));
                }
            }
            None => {
                let same = if case_insensitive { x.eq_ignore_ascii_case(y) } else { x == y };
                if !same {
                    return Err(format!("token {}: expected `{}`, got `{}`", i + 1, clip(x), clip(y)));
                }
            }
        }
        i += 1;
    }
}

/// Whitespace-separated tokens, lazily (no allocation per token).
fn tokens(b: &[u8]) -> impl Iterator<Item = &[u8]> {
    b.split(|c| c.is_ascii_whitespace()).filter(|t| !t.is_empty())
}

/// "expected N tokens, got M" once one side ran out after `i` equal tokens;
/// `a_more`/`o_more`: whether that side had one more token (already taken).
fn token_count<'a>(i: usize, a_more: bool, a: impl Iterator<Item = &'a [u8]>, o_more: bool, o: impl Iterator<Item = &'a [u8]>) -> String {
    let na = i + usize::from(a_more) + a.count();
    let no = i + usize::from(o_more) + o.count();
    format!("expected {na} token{}, got {no}", if na == 1 { "" } else { "s" })
}

/// Lines with trailing ASCII whitespace (CR included) removed; a final
/// newline does not make an extra empty line (nor does a last line of only
/// whitespace). Lazy: no allocation per line.
fn byte_lines(b: &[u8]) -> impl Iterator<Item = &[u8]> {
    let last_start = memchr::memrchr(b'\n', b).map_or(0, |i| i + 1);
    let region = if !b[last_start..].iter().all(u8::is_ascii_whitespace) {
        Some(b)
    } else if last_start > 0 {
        Some(&b[..last_start - 1])
    } else {
        None
    };
    region.into_iter().flat_map(|r| r.split(|c| *c == b'\n')).map(trim_end)
}

fn trim_end(l: &[u8]) -> &[u8] {
    let end = l.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(0, |i| i + 1);
    &l[..end]
}

/// Lines as a multiset. Memory is proportional to the answer's lines (the
/// package's), never to the output's: the output's lines are counted, then
/// looked up one by one.
fn unordered(answer: &[u8], output: &[u8]) -> Result<(), String> {
    // Trailing empty lines are ignored: keep up to the last non-blank byte.
    fn lines(b: &[u8]) -> impl Iterator<Item = &[u8]> {
        let end = b.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(0, |i| i + 1);
        (end > 0).then(|| &b[..end]).into_iter().flat_map(|r| r.split(|c| *c == b'\n')).map(trim_end)
    }
    let (na, no) = (lines(answer).count(), lines(output).count());
    if na != no {
        return Err(format!("expected {na} lines (in any order), got {no}"));
    }
    let mut count = std::collections::BTreeMap::<&[u8], usize>::new();
    for l in lines(answer) {
        *count.entry(l).or_default() += 1;
    }
    for l in lines(output) {
        match count.get_mut(l) {
            Some(n) if *n > 0 => *n -= 1,
            _ => return Err(format!("unexpected line `{}` (or more copies of it than expected)", clip(l))),
        }
    }
    // Same number of lines and none unexpected: every expected line was seen.
    Ok(())
}

/// A token or line for a message: at most 57 characters and `…` when longer.
/// Only a bounded head is decoded, whatever the length.
fn clip(t: &[u8]) -> String {
    let head = String::from_utf8_lossy(&t[..t.len().min(256)]);
    if head.chars().count() > 60 || t.len() > 256 {
        format!("{}…", head.chars().take(57).collect::<String>())
    } else {
        head.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_lines_exact() {
        let t = TextChecker::Tokens { case_insensitive: false };
        assert!(check_text(t, b"1 2\n3\n", b"1\n2 3").is_ok());
        assert_eq!(check_text(t, b"1 2", b"1 3").unwrap_err(), "token 2: expected `2`, got `3`");
        assert!(check_text(t, b"1 2", b"1").unwrap_err().contains("expected 2 tokens, got 1"));
        assert!(check_text(TextChecker::Tokens { case_insensitive: true }, b"YES", b"yes").is_ok());
        assert!(check_text(TextChecker::Lines, b"a b\nc\n", b"a b  \r\nc").is_ok());
        assert!(check_text(TextChecker::Lines, b"a b\n", b"a  b\n").is_err());
        assert!(check_text(TextChecker::Lines, b"a\n", b"a").is_ok());
        assert!(check_text(TextChecker::Lines, b"a\n", b"a\n\n").is_err());
        // Invalid UTF-8 is compared as bytes.
        assert!(check_text(TextChecker::Lines, b"caf\xe9\n", b"caf\xff\n").is_err());
        assert!(check_text(TextChecker::Unordered, b"caf\xe9\n", b"caf\xff\n").is_err());
        assert!(check_text(TextChecker::Lines, b"caf\xe9\n", b"caf\xe9\r\n").is_ok());
        assert!(check_text(TextChecker::Exact, b"5\n", b"5").is_err());
        assert!(check_text(TextChecker::Exact, b"5\n", b"5\n").is_ok());
    }

    fn float(abs: f64, rel: f64) -> TextChecker {
        TextChecker::Float { tol: crate::FloatTolerance { abs, rel }, case_insensitive: false }
    }

    #[test]
    fn float_tokens_within_abs_or_rel() {
        // Case 05: an error of exactly 1e-6 as written in decimal passes.
        assert!(check_text(float(1e-6, 0.0), b"0.100000\n", b"0.100001\n").is_ok());
        assert!(check_text(float(1e-6, 0.0), b"0.099999\n", b"0.100001\n").is_err());
        for (out, ok) in [("1e-05", true), (".00001", true), ("1.0E-5", true), ("+0.00001", true), ("0x1", false), ("abc", false)] {
            assert_eq!(check_text(float(1e-9, 0.0), b"0.00001", out.as_bytes()).is_ok(), ok, "{out}");
        }
        assert!(check_text(float(1e-9, 0.0), b"0.0", b"-0.0").is_ok());
        assert!(check_text(float(0.0, 1e-3), b"1000", b"1000.9").is_ok());
        let e = check_text(float(1e-6, 1e-6), b"1 2.5 x", b"1 2.6 x").unwrap_err();
        assert!(e.contains("token 2") && e.contains("absolute error 1.000e-1"), "{e}");
        assert!(check_text(float(1e-6, 1e-6), b"YES", b"yes").is_err());
        let ci = TextChecker::Float { tol: crate::FloatTolerance { abs: 1e-6, rel: 1e-6 }, case_insensitive: true };
        assert!(check_text(ci, b"YES 1", b"yes 1.0000001").is_ok());
    }

    #[test]
    fn non_finite_floats() {
        // Case 07.
        let f = float(1e-6, 1e-6);
        assert!(check_text(f, b"inf", b"inf").is_ok());
        assert!(check_text(f, b"inf", b"INF").is_ok());
        assert!(check_text(f, b"nan", b"nan").is_ok());
        assert!(check_text(f, b"inf", b"0").is_err());
        assert!(check_text(f, b"-inf", b"-1").is_err());
        assert!(check_text(f, b"inf", b"1e308").is_err());
        assert!(check_text(f, b"inf", b"-inf").is_err());
        assert!(check_text(f, b"1", b"nan").is_err());
    }

    #[test]
    fn unordered_lines() {
        assert!(check_text(TextChecker::Unordered, b"a\nb\nb\n", b"b\na\nb").is_ok());
        assert!(check_text(TextChecker::Unordered, b"a\nb\nb\n", b"b\na\na\n").unwrap_err().contains("`a`"));
        assert!(check_text(TextChecker::Unordered, b"a\nb\n", b"a\n").is_err());
        assert!(check_text(TextChecker::Unordered, b"a b\n", b"a  b\n").is_err());
    }

    #[test]
    fn kattis_default_flags() {
        let kd = |tol: Option<f64>, case_sensitive, space_sensitive| TextChecker::KattisDefault {
            tol: tol.map(|t| crate::FloatTolerance { abs: t, rel: t }),
            case_sensitive,
            space_sensitive,
        };
        // Case-insensitive unless case_sensitive.
        assert!(check_text(kd(None, false, false), b"Yes\n", b"YES\n").is_ok());
        assert!(check_text(kd(None, true, false), b"Yes\n", b"YES\n").is_err());
        // Whitespace-insensitive unless space_change_sensitive.
        assert!(check_text(kd(None, false, false), b"1 2\n", b"1\n2").is_ok());
        assert!(check_text(kd(None, false, true), b"1 2\n", b"1\n2").is_err());
        assert!(check_text(kd(None, false, true), b"1 2\n", b"1 2\n").is_ok());
        assert!(check_text(kd(None, false, true), b"1 2\n", b" 1 2\n").is_err());
        // Numbers within the tolerance; without one, numbers compare as strings.
        assert!(check_text(kd(Some(1e-6), false, false), b"1.0\n", b"1.0000001\n").is_ok());
        assert!(check_text(kd(None, false, false), b"1.0\n", b"1.00\n").is_err());
    }

    #[test]
    fn glued_tokens_are_wrong() {
        // Case 03: same characters, different split.
        let t = TextChecker::Tokens { case_insensitive: false };
        assert!(check_text(t, b"1 2 3\n", b"123\n").is_err());
        assert!(check_text(t, b"12 3\n", b"123\n").is_err());
        assert!(check_text(TextChecker::Exact, b"1 2 3\n", b"123\n").is_err());
    }

    #[test]
    fn crlf() {
        // Case 01: a trailing CR is whitespace for tokens and lines, not for exact.
        assert!(check_text(TextChecker::Tokens { case_insensitive: false }, b"3\n7\n", b"3\r\n7\r\n").is_ok());
        assert!(check_text(TextChecker::Lines, b"3\n7\n", b"3\r\n7\r\n").is_ok());
        assert!(check_text(TextChecker::Exact, b"3\n7\n", b"3\r\n7\r\n").is_err());
    }

    /// Every string of up to 6 bytes over {a, space, CR, LF}.
    fn small_inputs() -> Vec<Vec<u8>> {
        let mut all = vec![Vec::new()];
        let mut last = vec![Vec::new()];
        for _ in 0..6 {
            last = last.iter().flat_map(|s: &Vec<u8>| b"a \r\n".iter().map(move |c| [s.as_slice(), &[*c]].concat())).collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn lazy_lines_match_their_definition() {
        // The definition: split on LF, trim trailing whitespace, drop one
        // final empty line (unordered: every trailing empty line).
        let def = |b: &[u8], all_trailing: bool| {
            let mut v: Vec<Vec<u8>> = b.split(|c| *c == b'\n').map(|l| trim_end(l).to_vec()).collect();
            if v.last().is_some_and(|l| l.is_empty()) {
                v.pop();
            }
            while all_trailing && v.last().is_some_and(|l| l.is_empty()) {
                v.pop();
            }
            v
        };
        for b in small_inputs() {
            assert_eq!(byte_lines(&b).map(<[u8]>::to_vec).collect::<Vec<_>>(), def(&b, false), "{b:?}");
            let more = [b.as_slice(), b"\nz"].concat();
            let expected = format!("expected {} lines (in any order), got {}", def(&b, true).len(), def(&more, true).len());
            assert_eq!(check_text(TextChecker::Unordered, &b, &more).unwrap_err(), expected, "{b:?}");
            assert!(check_text(TextChecker::Unordered, &b, &b).is_ok());
        }
    }

    #[test]
    fn counts_and_long_tokens_in_messages() {
        let t = TextChecker::Tokens { case_insensitive: false };
        assert_eq!(check_text(t, b"1 2 3", b"1 2").unwrap_err(), "expected 3 tokens, got 2");
        assert_eq!(check_text(t, b"1", b"1 2 3").unwrap_err(), "expected 1 token, got 3");
        assert_eq!(check_text(TextChecker::Lines, b"a\nb\n", b"a\nb\n\nc\n").unwrap_err(), "expected 2 lines, got 4");
        assert_eq!(check_text(float(1e-6, 0.0), b"1 2", b"1.0").unwrap_err(), "expected 2 tokens, got 1");
        let long = vec![b'7'; 1 << 20];
        let e = check_text(t, b"1", &long).unwrap_err();
        assert_eq!(e, format!("token 1: expected `1`, got `{}…`", "7".repeat(57)));
        // A megabyte-long number is parsed (linearly) and compared.
        assert!(check_text(float(1e-6, 0.0), b"1", &[b"1.", &long[..]].concat()).is_err());
        let mut near = b"1.".to_vec();
        near.extend(std::iter::repeat_n(b'0', 1 << 20));
        assert!(check_text(float(1e-6, 0.0), b"1", &near).is_ok());
    }

    #[test]
    fn unordered_reports_extra_copies_and_strangers() {
        let e = check_text(TextChecker::Unordered, b"a\nb\n", b"b\nc\n").unwrap_err();
        assert!(e.contains("`c`"), "{e}");
        let e = check_text(TextChecker::Unordered, b"a\nb\n", b"b\nb\n").unwrap_err();
        assert!(e.contains("`b`") && e.contains("more copies"), "{e}");
    }
}
