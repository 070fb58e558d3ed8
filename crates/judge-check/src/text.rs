//! Text checkers for stdio problems.

/// How stdio output is compared with the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextChecker {
    /// Byte for byte.
    Exact,
    /// Line by line; trailing whitespace of each line (including a CR before
    /// LF) and trailing empty lines are ignored, nothing else.
    Lines,
    /// Whitespace-separated tokens; optionally case-insensitive.
    Tokens {
        /// Compare tokens ignoring ASCII case.
        case_insensitive: bool,
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
            let norm = |b: &[u8]| -> Vec<String> {
                let text = String::from_utf8_lossy(b);
                let mut lines: Vec<String> = text.split('\n').map(|l| l.trim_end().to_string()).collect();
                while lines.last().is_some_and(|l| l.is_empty()) {
                    lines.pop();
                }
                lines
            };
            let (a, o) = (norm(answer), norm(output));
            for (i, (x, y)) in a.iter().zip(&o).enumerate() {
                if x != y {
                    return Err(format!("line {}: expected `{}`, got `{}`", i + 1, clip(x), clip(y)));
                }
            }
            if a.len() != o.len() {
                return Err(format!("expected {} lines, got {}", a.len(), o.len()));
            }
            Ok(())
        }
        TextChecker::Tokens { case_insensitive } => {
            let a: Vec<&[u8]> = answer.split(|c| c.is_ascii_whitespace()).filter(|t| !t.is_empty()).collect();
            let o: Vec<&[u8]> = output.split(|c| c.is_ascii_whitespace()).filter(|t| !t.is_empty()).collect();
            for (i, (x, y)) in a.iter().zip(&o).enumerate() {
                let same = if case_insensitive { x.eq_ignore_ascii_case(y) } else { x == y };
                if !same {
                    return Err(format!(
                        "token {}: expected `{}`, got `{}`",
                        i + 1,
                        clip(&String::from_utf8_lossy(x)),
                        clip(&String::from_utf8_lossy(y))
                    ));
                }
            }
            if a.len() != o.len() {
                return Err(format!("expected {} tokens, got {}", a.len(), o.len()));
            }
            Ok(())
        }
    }
}

fn clip(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(57).collect::<String>())
    } else {
        s.to_string()
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
        assert!(check_text(TextChecker::Exact, b"5\n", b"5").is_err());
        assert!(check_text(TextChecker::Exact, b"5\n", b"5\n").is_ok());
    }
}
