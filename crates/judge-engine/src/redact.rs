//! The one redaction point for hidden cases.
//!
//! Everything a solution controls is hostile: it may know a hidden case's
//! input and try to carry it out through any text the report prints. Before
//! a hidden case's result reaches any reporter (unless `--reveal`), its cause
//! is reduced here to a closed vocabulary:
//!
//! - an exception is shown by type only when the type is a standard one of the
//!   language ([`judge_lang::exceptions`]), never with its message;
//! - an exit code becomes "non-zero exit" (signal names stay: a closed set);
//! - a wrong answer says nothing of the values, a wrong type says which types
//!   (kinds from a closed set), not where;
//! - a bad result is one fixed sentence;
//! - a checker program's failure keeps no text (a checker may echo the output);
//! - no stdout, stderr, traceback, input, expected or actual value: the case
//!   has no details at all.
//!
//! What remains (verdict, CPU and wall time, memory, signal number, output
//! byte count) and what it can carry is listed in `docs/security.md`.

use judge_core::value::found_kind;
use judge_core::Cause;

/// Reduce a hidden case's cause (of a solution in language `lang`) to the
/// closed vocabulary described in the module docs.
pub fn hidden_cause(cause: Cause, lang: &str) -> Cause {
    let standard = |name: String| judge_lang::exceptions::is_standard(lang, &name).then_some(name);
    match cause {
        Cause::Exception { exception, .. } => Cause::Exception { exception: exception.and_then(standard), message: None },
        Cause::MemoryLimit { peak_kib, limit_kib, evidence, exception } => {
            Cause::MemoryLimit { peak_kib, limit_kib, evidence, exception: exception.and_then(standard) }
        }
        Cause::ExitCode { .. } => Cause::ExitCode { code: None },
        Cause::WrongAnswer { .. } => Cause::WrongAnswer { detail: "wrong answer (hidden case: --reveal shows the data)".into() },
        Cause::WrongType { expected, found, .. } => {
            Cause::WrongType { expected: closed_type(&expected), found: found_kind(&found).to_string(), path: None }
        }
        Cause::BadResult { .. } => Cause::BadResult {
            detail: "the result was missing, garbled, duplicated or too large (hidden case: --reveal shows which)".into(),
        },
        Cause::Checker { .. } => Cause::Checker { detail: None },
        // The name is the judge's, from the signal number.
        Cause::Signal { signal, .. } => Cause::Signal { signal, name: judge_core::verdict::signal_name(signal) },
        other @ (Cause::CpuLimit { .. }
        | Cause::WallLimit { .. }
        | Cause::OutputLimit { .. }
        | Cause::Compile { .. }
        | Cause::Internal { .. }
        // The judge's own text (why this machine cannot run the case).
        | Cause::Skipped { .. }) => other,
    }
}

/// A declared type as written in the signature (`list[int]`), or `int (signed
/// 64-bit)`: text from the problem, not the solution. Anything else is cut to
/// the type grammar's characters.
fn closed_type(t: &str) -> String {
    t.chars().filter(|c| c.is_ascii_alphanumeric() || "[]() -".contains(*c)).take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use judge_core::MemoryEvidence;

    #[test]
    fn nothing_solution_controlled_survives() {
        let secret = "input_is_42_17";
        let causes = [
            Cause::Exception { exception: Some(secret.into()), message: Some(secret.into()) },
            Cause::Exception { exception: Some("ValueError".into()), message: Some(secret.into()) },
            Cause::MemoryLimit { peak_kib: 1, limit_kib: 2, evidence: MemoryEvidence::AllocationFailure, exception: Some(secret.into()) },
            Cause::ExitCode { code: Some(42) },
            Cause::WrongAnswer { detail: secret.into() },
            Cause::WrongType { expected: "int".into(), found: format!("str \"{secret}\""), path: Some("[42]".into()) },
            Cause::BadResult { detail: secret.into() },
            Cause::Checker { detail: Some(secret.into()) },
        ];
        for c in causes {
            let r = hidden_cause(c.clone(), "python");
            let all = format!("{} {}", r.message(), serde_json::to_string(&r).unwrap());
            assert!(!all.contains(secret) && !all.contains("42"), "{c:?} → {all}");
        }
        let r = hidden_cause(Cause::Exception { exception: Some("ValueError".into()), message: Some("m".into()) }, "python");
        assert!(r.message().contains("ValueError"));
        let r = hidden_cause(Cause::Exception { exception: Some("std::out_of_range".into()), message: None }, "cpp");
        assert!(r.message().contains("std::out_of_range"));
        let r = hidden_cause(Cause::WrongType { expected: "int".into(), found: "bool true".into(), path: Some("[3]".into()) }, "cpp");
        assert_eq!(r, Cause::WrongType { expected: "int".into(), found: "bool".into(), path: None });
    }
}
