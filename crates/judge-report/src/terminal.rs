//! The one sanitiser for text printed on a terminal.
//!
//! Solution output, exception text, compiler logs, checker messages and
//! package files (statements, titles) are hostile to a terminal: an escape
//! sequence can repaint the screen (a WA shown as `AC Accepted`), set the
//! window title or write the clipboard (OSC 52); backspace and carriage
//! return overwrite what was printed; C1 controls (U+0080–U+009F) act as
//! escapes on some terminals; bidi overrides reorder what is shown
//! (CVE-2021-42574, "Trojan Source"). Every piece of such text the human
//! reporter prints goes through [`terminal_safe`]; the JSON report stays
//! exact (see [`json_safe`]).

use std::borrow::Cow;

/// Whether `c` must not reach a terminal raw: C0 controls other than `\n`
/// and `\t` (ESC, CR, BS, BEL, ...), DEL, C1 controls (U+0080–U+009F), and
/// the Unicode bidirectional formatting characters (U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every [`is_unsafe`] character shown as a visible escape: `\e` for
/// ESC, `\r`, `\b`, `\a`, `\x7f` style for other C0 controls and DEL,
/// `\u{85}` style for C1 controls and bidi characters. `\n` and `\t` are kept.
/// Borrowed when nothing needs escaping.
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if !is_unsafe(c) {
            out.push(c);
            continue;
        }
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{7}' => out.push_str("\\a"),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// JSON text with the characters a terminal could act on but JSON leaves raw
/// (C1 controls, DEL and bidi characters; C0 controls are already escaped by
/// serde_json) written as `\uXXXX` escapes: the same JSON value, byte for
/// byte safe to `cat`. Such characters can only occur inside JSON strings.
pub fn json_safe(json: String) -> String {
    if !json.chars().any(is_unsafe) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code point class: each unsafe one is escaped, everything else kept.
    #[test]
    fn every_code_point_class() {
        for cp in (0u32..=0x10FFFF).filter(|cp| !(0xD800..=0xDFFF).contains(cp)) {
            let c = char::from_u32(cp).unwrap();
            let s = c.to_string();
            let out = terminal_safe(&s);
            let unsafe_ = cp < 0x20 && c != '\n' && c != '\t'
                || (0x7f..=0x9f).contains(&cp)
                || [0x61c, 0x200e, 0x200f].contains(&cp)
                || (0x202a..=0x202e).contains(&cp)
                || (0x2066..=0x2069).contains(&cp);
            if unsafe_ {
                assert!(out.chars().all(|o| o.is_ascii() && !o.is_ascii_control()), "U+{cp:04X} → {out:?}");
                assert!(out.starts_with('\\'), "U+{cp:04X} → {out:?}");
            } else {
                assert_eq!(out, s, "U+{cp:04X} changed");
            }
        }
    }

    #[test]
    fn escapes_are_visible_and_json_stays_the_same_value() {
        let hostile = "\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\rAC\u{8}\u{9b}31m\u{202e}x\n\tok";
        assert_eq!(terminal_safe(hostile), "\\e]52;c;aGk=\\a\\e[2J\\rAC\\b\\u{9b}31m\\u{202e}x\n\tok");
        let j = json_safe(serde_json::to_string(hostile).unwrap());
        assert!(!j.chars().any(is_unsafe), "{j}");
        assert_eq!(serde_json::from_str::<String>(&j).unwrap(), hostile);
        assert!(matches!(terminal_safe("plain ✓ «»"), Cow::Borrowed(_)));
    }
}
