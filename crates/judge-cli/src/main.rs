//! `judge`: a local coding-practice judge with a sandboxed test runner.
//!
//! Exit codes: 0 all cases AC; 1 some case not AC; 2 usage or configuration
//! error; 3 internal error (see `judge_core::ExitCode`), also when stdout
//! cannot be written (a full disk); 141 (128 + SIGPIPE) quietly when stdout
//! is a pipe closed early (`judge list | head -1`); 128 + the signal number
//! on SIGINT (130), SIGTERM (143) or SIGHUP (129), after every process of the
//! runs in progress has been killed and their directories removed.
//! `judge watch` exits 0 on `q` (or Ctrl-C as a key in its raw terminal mode).

mod args;
mod cmd;
mod error;
mod output;
mod plan;

use args::{Cli, Command};
use clap::Parser;
use error::CmdResult;
use judge_report::terminal_safe;
use output::stdout;
use std::io::Write;

fn main() {
    // The sandbox helper is this same binary, re-executed; it must not parse flags.
    if std::env::args_os().nth(1).is_some_and(|a| a == judge_sandbox::HELPER_SUBCOMMAND) {
        judge_sandbox::helper_main();
    }
    handle_termination_signals();
    raise_open_file_limit();
    let cli = Cli::parse();
    if cli.verbose > 0 {
        let level = if cli.verbose > 1 { "debug" } else { "info" };
        use std::io::IsTerminal;
        let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_ansi(colour)
            .with_env_filter(tracing_subscriber::EnvFilter::new(level))
            .init();
    }
    let code = match dispatch(cli.command) {
        Ok(code) => code,
        Err(f) => {
            let _ = writeln!(anstream::stderr(), "{}", terminal_safe(&format!("judge: error: {:#}", f.error)));
            f.code
        }
    };
    let _ = stdout().flush();
    std::process::exit(code as i32);
}

/// One module per command (`cmd::*`).
fn dispatch(cmd: Command) -> CmdResult {
    match cmd {
        Command::Run { judge, input } => cmd::run::run(&judge, input.as_deref()),
        Command::Watch { judge, poll } => cmd::watch::watch(&judge, poll),
        Command::Verify { targets, lang, registry } => cmd::verify::verify(&targets, lang, &registry),
        Command::Doctor { registry } => cmd::doctor::doctor(&registry),
        Command::List { format, tag, registry } => cmd::list::list(format, tag.as_deref(), &registry),
        Command::Show { id, registry } => cmd::show::show(&id, &registry),
        Command::Grade { grade, merge } => cmd::grade::grade(&grade, merge.as_ref()),
        Command::New { id, lang, output, registry } => cmd::new::new(&id, lang, output, &registry),
        Command::Cache { action } => cmd::cache::cache(action.as_deref()),
    }
}

/// On SIGINT, SIGTERM or SIGHUP: kill every run in progress, remove the run
/// directories and exit with 128 + the signal number, as a shell reports a
/// process killed by that signal. A dedicated thread waits for the signals
/// (signal-hook's self-pipe), so the cleanup runs outside a signal handler.
fn handle_termination_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = match signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) {
        Ok(s) => s,
        Err(e) => {
            // Judging still works; an interrupt then leaves the run directory behind.
            tracing::warn!("cannot handle SIGINT/SIGTERM/SIGHUP: {e}");
            return;
        }
    };
    let spawned = std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(sig) = signals.forever().next() {
            judge_sandbox::cleanup::end_everything();
            cmd::watch::restore_terminal();
            std::process::exit(128 + sig);
        }
    });
    if let Err(e) = spawned {
        tracing::warn!("cannot start the signal thread: {e}");
    }
}

/// Raise the soft open-file limit to the hard one: removing a deep tree a
/// program left in its build directory needs one descriptor per level.
fn raise_open_file_limit() {
    let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < lim.rlim_max {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}

