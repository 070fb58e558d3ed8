//! The fixture table: every reference is AC in each language, every wrong
//! solution gets its verdict and names its cause.

use crate::support::{run_json, solution, repo, Reg};

struct Fixture {
    reg: Reg,
    problem: &'static str,
    /// Relative to `tests/fixtures/solutions`, or `problems/...` for a reference.
    file: &'static str,
    /// Acceptable overall verdicts (normally one).
    verdicts: &'static [&'static str],
    /// Substrings the explanation (message, details or compile error) must contain.
    contains: &'static [&'static str],
    /// Extra flags.
    flags: &'static [&'static str],
}

fn check(f: Fixture) {
    let path = if f.file.starts_with("problems/") { repo().join(f.file) } else { solution(f.file) };
    let mut flags = vec!["--fail-fast"];
    flags.extend_from_slice(f.flags);
    let run = run_json(f.reg, f.problem, &path, &flags);
    assert!(
        f.verdicts.contains(&run.verdict()),
        "{}: expected {:?}, got {}\n{}\nstderr: {}",
        f.file,
        f.verdicts,
        run.verdict(),
        serde_json::to_string_pretty(&run.report).unwrap(),
        run.stderr
    );
    let want_code = if run.verdict() == "AC" { 0 } else { 1 };
    assert_eq!(run.code, want_code, "{}: exit code", f.file);
    let text = run.explanation();
    for needle in f.contains {
        assert!(text.contains(needle), "{}: explanation lacks {needle:?}:\n{text}", f.file);
    }
    if run.verdict() == "AC" {
        assert_eq!(run.report["passed"], run.report["total"]);
    }
}

macro_rules! fixtures {
    ($($name:ident: $reg:ident $problem:literal $file:literal => [$($v:literal),+] $([$($c:literal),*])? $({$($flag:literal),*})?;)*) => {
        $(
            #[test]
            fn $name() {
                check(Fixture {
                    reg: Reg::$reg,
                    problem: $problem,
                    file: $file,
                    verdicts: &[$($v),+],
                    contains: &[$($($c),*)?],
                    flags: &[$($($flag),*)?],
                });
            }
        )*
    };
}

fixtures! {
    // References: AC in both languages.
    reference_span_py: Seed "longest-clean-span" "problems/longest-clean-span/reference/solution.py" => ["AC"];
    reference_span_cpp: Seed "longest-clean-span" "problems/longest-clean-span/reference/solution.cpp" => ["AC"];
    reference_topk_py: Seed "top-k-sampling" "problems/top-k-sampling/reference/solution.py" => ["AC"];
    reference_topk_cpp: Seed "top-k-sampling" "problems/top-k-sampling/reference/solution.cpp" => ["AC"];

    // WA with the difference named.
    wa_py: Seed "longest-clean-span" "longest-clean-span/wa_off_by_one.py" => ["WA"] ["expected 3, got 4"];
    wa_cpp: Seed "longest-clean-span" "longest-clean-span/wa_off_by_one.cpp" => ["WA"] ["expected 3, got 4"];
    wa_bool_is_not_int: Seed "longest-clean-span" "longest-clean-span/wa_returns_bool.py" => ["WA"] ["expected int, got bool"];
    wa_float_is_not_int: Seed "longest-clean-span" "longest-clean-span/wa_returns_float.py" => ["WA"] ["expected int, got float 3.0"];
    wa_bigint_is_out_of_range: Seed "longest-clean-span" "longest-clean-span/wa_returns_bigint.py" => ["WA"] ["out of range"];
    ce_not_a_function_py: Seed "longest-clean-span" "longest-clean-span/ce_not_a_function.py" => ["CE"] ["bound to a value, not a function"];
    wa_str_is_not_int: Seed "longest-clean-span" "longest-clean-span/wa_returns_str.py" => ["WA"] ["expected int, got str"];
    wa_topk_overflow: Seed "top-k-sampling" "top-k-sampling/wa_no_max_subtraction.py" => ["WA"];
    wa_topk_ties_cpp: Seed "top-k-sampling" "top-k-sampling/wa_tie_by_larger_index.cpp" => ["WA"] ["checker:"] {"--reveal"};

    // The checker accepts the neighbour on a boundary (u exactly on a cumulative sum).
    ac_topk_boundary_neighbour: Seed "top-k-sampling" "top-k-sampling/ac_boundary_ge.py" => ["AC"];
    ac_topk_other_summation: Seed "top-k-sampling" "top-k-sampling/ac_reverse_sum.py" => ["AC"];
    ac_class_solution: Seed "longest-clean-span" "longest-clean-span/ac_class_solution.py" => ["AC"];

    // TLE: O(n·m) on the large hidden cases.
    tle_py: Seed "longest-clean-span" "longest-clean-span/tle_naive.py" => ["TLE"] ["CPU time limit"];
    tle_cpp: Seed "longest-clean-span" "longest-clean-span/tle_naive.cpp" => ["TLE"] ["CPU time limit"];

    // MLE, never RE.
    mle_py: Seed "longest-clean-span" "longest-clean-span/mle_hoard.py" => ["MLE"] ["memory limit"];
    mle_cpp: Seed "longest-clean-span" "longest-clean-span/mle_hoard.cpp" => ["MLE"] ["memory limit"];

    // RE with its cause.
    re_exception_py: Seed "longest-clean-span" "longest-clean-span/re_index_error.py" => ["RE"] ["IndexError", "list index out of range"];
    re_sys_exit_py: Seed "longest-clean-span" "longest-clean-span/re_sys_exit.py" => ["RE"] ["SystemExit"];
    re_os_exit_py: Seed "longest-clean-span" "longest-clean-span/re_os_exit.py" => ["RE"] ["before the function returned"];
    re_segfault_cpp: Seed "longest-clean-span" "longest-clean-span/re_segfault.cpp" => ["RE"] ["SIGSEGV"];
    re_throw_cpp: Seed "longest-clean-span" "longest-clean-span/re_throw.cpp" => ["RE"] ["std::runtime_error", "not implemented yet"];

    // CE with the expected signature shown.
    ce_syntax_py: Seed "longest-clean-span" "longest-clean-span/ce_syntax.py" => ["CE"] ["SyntaxError", "ce_syntax.py:1"];
    ce_missing_py: Seed "longest-clean-span" "longest-clean-span/ce_missing.py" => ["CE"] ["not found", "def longest_clean_span(tokens: list[int], banned: list[int]) -> int"];
    ce_arity_py: Seed "longest-clean-span" "longest-clean-span/ce_arity.py" => ["CE"] ["takes 1 parameter(s), expected 2"];
    ce_syntax_cpp: Seed "longest-clean-span" "longest-clean-span/ce_syntax.cpp" => ["CE"] ["ce_syntax.cpp:3", "error"];
    ce_missing_cpp: Seed "longest-clean-span" "longest-clean-span/ce_missing.cpp" => ["CE"] ["long long longest_clean_span(std::vector<long long> tokens, std::vector<long long> banned)"];
    ce_signature_cpp: Seed "longest-clean-span" "longest-clean-span/ce_wrong_signature.cpp" => ["CE"] ["expected: long long longest_clean_span("];
    ce_return_type_cpp: Seed "longest-clean-span" "longest-clean-span/ce_wrong_return.cpp" => ["CE"] ["returns the wrong type"];

    // OLE, never RE (the flood dies of a broken pipe).
    ole_py: Seed "longest-clean-span" "longest-clean-span/ole_flood.py" => ["OLE"] ["output limit", "stdout"];
    ole_cpp: Seed "longest-clean-span" "longest-clean-span/ole_flood.cpp" => ["OLE"] ["output limit", "stdout"];

    // Prints (2 MB on each stream, fake verdicts among them) change nothing.
    noisy_ac_py: Seed "longest-clean-span" "longest-clean-span/ac_noisy.py" => ["AC"];
    noisy_ac_cpp: Seed "longest-clean-span" "longest-clean-span/ac_noisy.cpp" => ["AC"];
}
