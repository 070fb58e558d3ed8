//! The one error type of the CLI: an error and the exit code it maps to
//! (`judge_core::ExitCode`: 2 for usage and configuration, 3 for the judge's
//! own failures).

use judge_core::ExitCode;

/// An error with the exit code it maps to.
pub struct CliError {
    /// The exit code.
    pub code: ExitCode,
    /// What went wrong (printed as `judge: error: …`).
    pub error: anyhow::Error,
}

/// A usage or configuration error (exit 2).
pub fn usage(e: impl Into<anyhow::Error>) -> CliError {
    CliError { code: ExitCode::Usage, error: e.into() }
}

/// The judge's own failure (exit 3).
pub fn internal(e: impl Into<anyhow::Error>) -> CliError {
    CliError { code: ExitCode::Internal, error: e.into() }
}

impl From<judge_engine::EngineError> for CliError {
    fn from(e: judge_engine::EngineError) -> CliError {
        match e {
            judge_engine::EngineError::Internal(_) => internal(e),
            other => usage(other),
        }
    }
}

/// Result of a command: the exit code, or an error with its own.
pub type CmdResult = Result<ExitCode, CliError>;
