//! Checkers: they decide whether an answer is right. They run in the judge
//! process (or, for checker programs, in their own sandbox), never inside the
//! solution's process, so a solution cannot patch them.
//!
//! - [`compare_values`]: function problems, by declared type, floats within a
//!   tolerance;
//! - [`check_text`]: stdio problems (`exact`, `lines`, `tokens`);
//! - [`ProgramChecker`]: a problem's own checker program (protocol in
//!   `docs/checkers.md`).

mod program;
mod text;
pub mod tolerance;

pub use program::{CheckerCommand, OutputChecker, OutputInterface, ProgramChecker};
pub use text::{check_text, parse_float, TextChecker};
pub mod diff;

use judge_core::value::fmt_float;
use judge_core::Value;

/// Float tolerance: a float passes when within `abs` absolutely **or** within
/// `rel` relatively of the expected value (the Kattis default validator's
/// rule). Non-finite values: `inf` matches only `inf`, `-inf` only `-inf`,
/// `nan` only where `nan` is expected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FloatTolerance {
    /// Absolute tolerance.
    pub abs: f64,
    /// Relative tolerance.
    pub rel: f64,
}

impl Default for FloatTolerance {
    fn default() -> Self {
        FloatTolerance { abs: 1e-9, rel: 1e-9 }
    }
}

impl FloatTolerance {
    /// `abs 1e-06 or rel 1e-06`, for messages.
    pub fn describe(&self) -> String {
        match (self.abs > 0.0, self.rel > 0.0) {
            (true, true) => format!("absolute {:e} or relative {:e}", self.abs, self.rel),
            (true, false) => format!("absolute {:e}", self.abs),
            (false, true) => format!("relative {:e}", self.rel),
            (false, false) => "none".to_string(),
        }
    }

    /// Whether `actual` is close enough to `expected`.
    pub fn accepts(&self, expected: f64, actual: f64) -> bool {
        if expected.is_nan() || actual.is_nan() {
            return expected.is_nan() && actual.is_nan();
        }
        if expected.is_infinite() || actual.is_infinite() {
            return expected == actual;
        }
        let diff = (expected - actual).abs();
        // Slack so that an error exactly at the tolerance as written in decimal
        // passes despite binary rounding (testlib#17: |0.100001 - 0.1| is
        // 1.000000000001e-6 in doubles).
        let slack = 1.0 + 1e-9;
        diff <= self.abs * slack || diff <= self.rel * expected.abs() * slack
    }
}

/// Compare a decoded result with the expected value. Both already have the
/// declared type (decoding is strict), so only values are compared here.
/// The error names the first difference: its path, expected and actual.
pub fn compare_values(expected: &Value, actual: &Value, tol: FloatTolerance) -> Result<(), String> {
    compare_at(expected, actual, tol, &mut String::new())
}

fn compare_at(expected: &Value, actual: &Value, tol: FloatTolerance, path: &mut String) -> Result<(), String> {
    let at = |path: &String| if path.is_empty() { String::new() } else { format!("at {path}: ") };
    match (expected, actual) {
        (Value::Float(e), Value::Float(a)) => {
            if tol.accepts(*e, *a) {
                Ok(())
            } else {
                let err = (e - a).abs();
                Err(format!(
                    "{}expected {}, got {} (abs error {:.3e}, rel error {:.3e}; tolerance abs {:e} or rel {:e})",
                    at(path),
                    fmt_float(*e),
                    fmt_float(*a),
                    err,
                    if *e != 0.0 { err / e.abs() } else { f64::INFINITY },
                    tol.abs,
                    tol.rel
                ))
            }
        }
        (Value::List(e), Value::List(a)) => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                let len = path.len();
                let _ = std::fmt::Write::write_fmt(path, format_args!("[{i}]"));
                compare_at(ev, av, tol, path)?;
                path.truncate(len);
            }
            if e.len() != a.len() {
                return Err(format!("{}expected a list of length {}, got length {}", at(path), e.len(), a.len()));
            }
            Ok(())
        }
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{}expected {}, got {}", at(path), short(e), short(a))),
    }
}

fn short(v: &Value) -> String {
    v.render_clipped(77)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_within_abs_or_rel() {
        let t = FloatTolerance { abs: 1e-6, rel: 1e-6 };
        assert!(t.accepts(1.0, 1.000001));
        assert!(t.accepts(1e9, 1e9 + 900.0));
        assert!(!t.accepts(1.0, 1.00001));
        assert!(t.accepts(f64::NAN, f64::NAN));
        assert!(!t.accepts(f64::NAN, 1.0));
        assert!(!t.accepts(f64::INFINITY, f64::NEG_INFINITY));
        assert!(t.accepts(f64::INFINITY, f64::INFINITY));
        assert!(!t.accepts(1e300, f64::INFINITY));
    }

    #[test]
    fn lists_report_the_first_difference() {
        let e = Value::List(vec![Value::Int(1), Value::Int(2)]);
        let a = Value::List(vec![Value::Int(1), Value::Int(3)]);
        assert_eq!(compare_values(&e, &a, FloatTolerance::default()).unwrap_err(), "at [1]: expected 2, got 3");
        let a = Value::List(vec![Value::Int(1)]);
        assert!(compare_values(&e, &a, FloatTolerance::default()).unwrap_err().contains("length 2, got length 1"));
        assert!(compare_values(&e, &e, FloatTolerance::default()).is_ok());
    }
}
