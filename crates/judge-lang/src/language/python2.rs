//! Python 2: stdin/stdout programs of problem packages only (`.py2` files and
//! `#!…python2` submissions), run as they are: the bootstrap and the driver
//! are Python 3 code.

use super::{Language, PlanInput};
use crate::{BuildStep, LangError, LanguageConfig, Plan, ResolvedToolchain, Target};
use judge_core::Signature;
use std::path::PathBuf;

/// Python 2 (`python2`).
#[derive(Debug)]
pub struct Python2;

impl Language for Python2 {
    fn id(&self) -> &'static str {
        "python2"
    }

    fn source_name(&self) -> &'static str {
        "solution.py"
    }

    fn probe(&self, _cfg: &LanguageConfig, found: PathBuf) -> Result<ResolvedToolchain, LangError> {
        super::python3::probe_python(found, "python2")
    }

    fn probe_inputs(&self, tc: &ResolvedToolchain, found: &std::path::Path) -> Vec<PathBuf> {
        super::python3::python_probe_inputs(tc, found)
    }

    fn probe_env(&self, name: &str) -> bool {
        super::python3::python_probe_env(name)
    }

    fn plan(&self, input: PlanInput<'_>) -> Result<Plan, LangError> {
        let PlanInput { cfg, toolchain, target, source, driver_dir, .. } = input;
        if let Target::Function(_) = target {
            return Err(LangError::Toolchain(format!("{}: function problems have no Python 2 driver; use Python 3", cfg.name)));
        }
        let exe = toolchain.exe.clone();
        let exe_s = exe.display().to_string();
        let solution = driver_dir.join("solution.py").display().to_string();
        let mut check = vec![exe_s.clone()];
        check.extend(cfg.flags.iter().cloned());
        // Syntax errors as `solution.py:LINE:COL: SyntaxError: msg` (no paths).
        let script = "import sys\ntry:\n    compile(open(sys.argv[1], 'rb').read(), 'solution.py', 'exec')\nexcept SyntaxError as e:\n    sys.stdout.write('solution.py:%s:%s: SyntaxError: %s\\n' % (e.lineno, e.offset or 0, e.msg))\n    sys.exit(1)\n";
        check.extend(["-c".into(), script.into(), solution.clone()]);
        let mut run = vec![exe_s];
        run.extend(cfg.flags.iter().cloned());
        run.push(solution);
        Ok(Plan {
            driver_files: vec![("solution.py".to_string(), source.to_vec())],
            build: Some(BuildStep { files: vec![], program: exe.clone(), argv: check, artifact: None }),
            run_program: exe,
            run_argv: run,
            reachable: toolchain.reachable.clone(),
            result_channel: false,
            profile: self.profile(),
        })
    }

    fn starter(&self, _sig: Option<&Signature>) -> Option<String> {
        None
    }

    fn runtime_exception(&self, stderr: &str) -> Option<(String, String, bool)> {
        // Python 2 tracebacks read the same as Python 3's.
        super::python3::Python3.runtime_exception(stderr)
    }

    fn is_standard_exception(&self, name: &str) -> bool {
        crate::exceptions::PYTHON.contains(&name)
    }
}
