//! The judge's stdout: where a failed write ends the judge, and a
//! sanitising writer for package- or submission-derived text.

use judge_core::ExitCode;
use judge_report::terminal_safe;
use std::io::Write;

/// The judge's stdout: colours stripped when it is not a terminal
/// (`anstream`), and a failed write ends the judge, after ending the runs in
/// progress and removing their directories: a closed pipe (`EPIPE`, e.g.
/// `judge list | head -c1`) quietly with status 141 (128 + SIGPIPE, what a
/// shell reports for a program killed by `SIGPIPE`); any other error (`ENOSPC`
/// on a full disk, `judge list > /dev/full`) with a message on stderr and
/// status 3 (internal error: the output the caller asked for is lost).
pub struct Stdout(anstream::Stdout);

pub fn stdout() -> Stdout {
    Stdout(anstream::stdout())
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.write(buf) {
            Err(e) if e.kind() != std::io::ErrorKind::Interrupted => stdout_failed(e),
            r => r,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.0.flush() {
            Err(e) if e.kind() != std::io::ErrorKind::Interrupted => stdout_failed(e),
            r => r,
        }
    }
}

fn stdout_failed(e: std::io::Error) -> ! {
    judge_sandbox::cleanup::end_everything();
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(141);
    }
    let _ = writeln!(std::io::stderr(), "judge: error: cannot write to stdout: {e}");
    std::process::exit(ExitCode::Internal as i32);
}

/// A writer that passes everything through the terminal sanitiser (for
/// output made of package- or submission-derived text). Whole `writeln!`
/// lines arrive as a few `write` calls, each sanitised on its own.
pub struct SafeOut<W: Write>(pub W);

impl<W: Write> Write for SafeOut<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(terminal_safe(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

