//! C++ with g++: function problems through the generated driver
//! ([`crate::cpp::generate_driver`]), stdio programs compiled as they are.

use super::{compiled_plan, Language, PlanInput};
use crate::{LangError, LanguageConfig, Plan, ResolvedToolchain, Target};
use judge_core::Signature;
use std::path::PathBuf;

/// C++ (`cpp`).
#[derive(Debug)]
pub struct Cpp;

impl Language for Cpp {
    fn has_batch_mode(&self) -> bool {
        true
    }

    fn id(&self) -> &'static str {
        "cpp"
    }

    fn source_name(&self) -> &'static str {
        "solution.cpp"
    }

    fn probe(&self, cfg: &LanguageConfig, found: PathBuf) -> Result<ResolvedToolchain, LangError> {
        super::probe_gcc(cfg, found)
    }

    fn plan(&self, input: PlanInput<'_>) -> Result<Plan, LangError> {
        let mut build_files = vec![("solution.cpp".to_string(), input.source.to_vec())];
        let main_source = match input.target {
            Target::Function(sig) => {
                build_files.push(("judge_driver.hpp".into(), input.files.read("cpp/judge_driver.hpp")?));
                build_files.push(("driver.cpp".into(), crate::cpp::generate_driver(sig).into_bytes()));
                "driver.cpp"
            }
            Target::Stdio => "solution.cpp",
        };
        compiled_plan(&input, build_files, main_source, &[], &[], matches!(input.target, Target::Function(_)), self.profile())
    }

    fn starter(&self, sig: Option<&Signature>) -> Option<String> {
        Some(match sig {
            Some(s) => format!(
                "#include <bits/stdc++.h>\nusing namespace std;\n\n{} {{\n    // your code here\n    return {{}};\n}}\n",
                s.cpp()
            ),
            None => "#include <bits/stdc++.h>\nusing namespace std;\n\nint main() {\n    ios::sync_with_stdio(false);\n    cin.tie(nullptr);\n    return 0;\n}\n".into(),
        })
    }

    /// libstdc++'s terminate message (`terminate called after throwing an
    /// instance of 'std::bad_alloc'` and its `what():` line).
    fn runtime_exception(&self, stderr: &str) -> Option<(String, String, bool)> {
        libstdcxx_terminate(stderr)
    }

    fn is_standard_exception(&self, name: &str) -> bool {
        let normal = name.replace("::__cxx11::", "::").replace("::__1::", "::");
        crate::exceptions::CPP.contains(&normal.as_str())
    }

    fn has_standard(&self) -> bool {
        true
    }
}

/// libstdc++'s terminate message: the exception type, its `what()`, and
/// whether it is `std::bad_alloc`.
pub(super) fn libstdcxx_terminate(stderr: &str) -> Option<(String, String, bool)> {
    let marker = "terminate called after throwing an instance of '";
    let i = stderr.find(marker)? + marker.len();
    let ty: String = stderr[i..].chars().take_while(|c| *c != '\'').collect();
    let msg = stderr[i..]
        .lines()
        .nth(1)
        .and_then(|l| l.trim().strip_prefix("what():"))
        .unwrap_or("")
        .trim()
        .to_string();
    let memory = ty == "std::bad_alloc";
    Some((ty, msg, memory))
}
