//! C with gcc: stdin/stdout programs only (problem packages); there is no C
//! driver for function problems. The math library is linked after the source.

use super::{compiled_plan, Language, PlanInput};
use crate::{LangError, LanguageConfig, Plan, ResolvedToolchain, Target};
use judge_core::Signature;
use std::path::PathBuf;

/// C (`c`).
#[derive(Debug)]
pub struct C;

impl Language for C {
    fn id(&self) -> &'static str {
        "c"
    }

    fn source_name(&self) -> &'static str {
        "solution.c"
    }

    fn probe(&self, cfg: &LanguageConfig, found: PathBuf) -> Result<ResolvedToolchain, LangError> {
        super::probe_gcc(cfg, found)
    }

    fn plan(&self, input: PlanInput<'_>) -> Result<Plan, LangError> {
        if let Target::Function(_) = input.target {
            return Err(LangError::Toolchain(format!(
                "{}: function problems have no C driver (C is for stdin/stdout problems such as problem packages); use Python or C++",
                input.cfg.name
            )));
        }
        let files = vec![("solution.c".to_string(), input.source.to_vec())];
        compiled_plan(&input, files, "solution.c", &[], &["-lm"], false, self.profile())
    }

    fn starter(&self, sig: Option<&Signature>) -> Option<String> {
        match sig {
            Some(_) => None,
            None => Some("#include <stdio.h>\n\nint main(void) {\n    return 0;\n}\n".into()),
        }
    }

    fn has_standard(&self) -> bool {
        true
    }
}
