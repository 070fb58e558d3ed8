//! `judge verify` on problems of judge's own format
//! (tests/fixtures/verify-problems): one good problem and one problem per
//! kind of failure, each named in the output with what failed.

use crate::support::{judge, repo};
use std::process::Output;

fn registry() -> std::path::PathBuf {
    repo().join("tests/fixtures/verify-problems")
}

fn verify(args: &[&str]) -> (Output, String) {
    let out = judge().arg("verify").args(args).arg("--problems").arg(registry()).output().unwrap();
    let text = format!("{}\n--- stderr ---\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out, text)
}

/// The block of output about one problem (from its header to the blank line).
fn block<'a>(text: &'a str, id: &str) -> &'a str {
    let head = format!("judge verify {id}");
    let start = text.find(&head).unwrap_or_else(|| panic!("no block for {id}:\n{text}"));
    let rest = &text[start..];
    &rest[..rest.find("\n\n").unwrap_or(rest.len())]
}

#[test]
fn verify_names_each_failed_check_of_the_registry() {
    let (out, text) = verify(&[]);
    // A manifest naming a missing file is a configuration error (exit 2),
    // and does not hide the other problems' results.
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(block(&text, "missing-file").contains("field `wrong[0].file`: file `wrong/absent.py` does not exist"), "{text}");

    let good = block(&text, "good");
    assert!(good.ends_with(" s)") && good.contains("\n  OK ("), "{text}");
    for needle in [
        "ok      inputs     validator.py",
        "ok      reference  reference/solution.py          AC 4/4",
        "ok      reference  reference/solution.cpp         AC 4/4",
        "ok      wrong      wrong/off_by_one.py            WA",
        "ok      wrong      wrong/spins.py                 TLE",
        "ok      generator  gen.py                         reproduces all 8 case files byte for byte",
        "ok      time limit 400 ms ≥ 2 ×",
    ] {
        assert!(good.contains(needle), "good lacks {needle:?}:\n{good}");
    }

    let b = block(&text, "wrong-passes");
    assert!(b.contains("FAILED  wrong      wrong/correct.py               AC 4/4    want WA: passes every case"), "{b}");
    assert!(b.contains("\n  FAILED ("), "{b}");

    let b = block(&text, "bad-input");
    assert!(b.contains("FAILED  inputs     validator.py                   hidden/04-too-large: invalid: xs[0] = 10000000000 is outside"), "{b}");
    assert_eq!(b.matches("FAILED  inputs").count(), 1, "only the bad case is rejected:\n{b}");

    let b = block(&text, "nondeterministic-gen");
    assert!(b.contains("FAILED  generator  gen.py                         not deterministic: 2 of 10 case files differ"), "{b}");
    assert!(b.contains("cases/hidden/04-unseeded.in: differs from the committed file"), "{b}");
    assert!(b.contains("ok      inputs"), "{b}");

    let b = block(&text, "tle-by-a-hair");
    assert!(b.contains("FAILED  wrong      wrong/by_a_hair.py             TLE"), "{b}");
    assert!(b.contains("SENSITIVE") && b.contains("at 1.5 × the time limit it gets AC"), "{b}");

    // The summary table: one row per problem and language.
    let table = &text[text.find("problem ").unwrap_or_else(|| panic!("no table:\n{text}"))..];
    for (row, result) in [
        ("good                  cpp     AC 4/4", "ok ("),
        ("bad-input             python  AC 5/5      1/1               4/5 FAILED", "FAILED"),
        ("nondeterministic-gen  python", "DIFFERS"),
        ("tle-by-a-hair         python  AC 4/4      0/1 FAILED", "SENSITIVE"),
        ("wrong-passes          python  AC 4/4      0/1 FAILED", "FAILED"),
    ] {
        let line = table.lines().find(|l| l.starts_with(row)).unwrap_or_else(|| panic!("no row {row:?}:\n{table}"));
        assert!(line.contains(result), "{line}");
    }
    assert!(table.lines().any(|l| l.trim_start().starts_with("python  AC 4/4      2/2")), "{table}");
    assert!(text.contains("5 problem(s) verified in"), "{text}");
}

#[test]
fn verify_exit_codes_follow_the_checks() {
    let (out, text) = verify(&["wrong-passes", "--lang", "python"]);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(!text.contains("judge verify good"), "only the named problem:\n{text}");
    let (out, text) = verify(&["good", "--lang", "python"]);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!text.contains("solution.cpp"), "--lang python runs no C++:\n{text}");
    // A problem folder given as a path is verified from that folder.
    let out = judge().arg("verify").arg(registry().join("wrong-passes")).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    // Unknown ids and paths are configuration errors, before anything runs.
    let (out, text) = verify(&["no-such-problem"]);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("unknown problem `no-such-problem`"), "{text}");
    let (out, text) = verify(&["no/such/dir"]);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("no/such/dir: no such directory"), "{text}");
}
